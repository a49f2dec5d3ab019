using System.Text;
using MecActors.Cli.Output;
using MecActors.Cli.Training;
using MecActors.Policies.Learning;
using MecActors.Policies.Learning.JointA2C;
using Xunit;

namespace MecActors.Cli.Tests;

public sealed class TrainingCurveTests
{
    private static readonly TrainingMetrics TdLearner = new("reward", "tdLoss");

    [Fact]
    public void The_moving_average_covers_the_last_100_updates_of_the_followed_metric()
    {
        var curve = new TrainingCurve();
        Assert.Null(curve.MovingAverage);
        for (var i = 0; i < 150; i++)
        {
            curve.Add(new TrainingPoint((i + 1) * 5, TdLearner, i, 1000 - i));
        }

        var rows = curve.Snapshot();
        Assert.Equal(150, rows.Count);
        Assert.Equal(0.0, rows[0].MovingAverage);
        Assert.Equal(49.5, rows[99].MovingAverage);
        Assert.Equal(50.5, rows[100].MovingAverage);
        Assert.Equal(99.5, rows[149].MovingAverage);
        Assert.Equal(99.5, curve.MovingAverage);
    }

    [Fact]
    public void Training_csv_has_the_a2c_header_and_round_trip_invariant_doubles()
    {
        var point = new TrainingPoint(5, JointA2CAgent.UpdateMetrics, -0.1, 2.5e-7, 12, 0.5);

        var text = Encoding.UTF8.GetString(TrainingCsv.Write(JointA2CAgent.UpdateMetrics, [new TrainingRow(point, 1.0 / 3)]));

        Assert.Equal("step,reward,movingAverage,policyLoss,valueLoss,entropy\n5,-0.1,0.3333333333333333,2.5E-07,12,0.5\n", text);
    }

    [Fact]
    public void Training_csv_takes_its_columns_from_the_agent()
    {
        var droo = new TrainingMetrics("crossEntropy");
        var rows = new[] { new TrainingRow(new TrainingPoint(3, TdLearner, 0.25, 4), 0.25), new TrainingRow(new TrainingPoint(6, TdLearner, 0.75, 2), 0.5) };

        Assert.Equal("step,reward,movingAverage,tdLoss\n3,0.25,0.25,4\n6,0.75,0.5,2\n", Encoding.UTF8.GetString(TrainingCsv.Write(TdLearner, rows)));
        Assert.Equal("step,crossEntropy,movingAverage\n", Encoding.UTF8.GetString(TrainingCsv.Write(droo, [])));
        Assert.Throws<ArgumentException>(() => TrainingCsv.Write(droo, rows));
    }
}
