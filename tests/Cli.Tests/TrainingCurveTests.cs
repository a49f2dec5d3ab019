using System.Text;
using MecActors.Cli.Output;
using MecActors.Cli.Training;
using MecActors.Policies.Learning.JointA2C;
using Xunit;

namespace MecActors.Cli.Tests;

public sealed class TrainingCurveTests
{
    [Fact]
    public void The_moving_average_covers_the_last_100_updates()
    {
        var curve = new TrainingCurve();
        Assert.Null(curve.MovingAverage);
        for (var i = 0; i < 150; i++)
        {
            curve.Add(new TrainingPoint((i + 1) * 5, i, 0, 0, 0));
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
    public void Training_csv_has_the_header_and_round_trip_invariant_doubles()
    {
        var text = Encoding.UTF8.GetString(TrainingCsv.Write([new TrainingRow(5, -0.1, 1.0 / 3, 2.5e-7, 12, 0.5)]));

        Assert.Equal("step,reward,movingAverage,policyLoss,valueLoss,entropy\n5,-0.1,0.3333333333333333,2.5E-07,12,0.5\n", text);
    }
}
