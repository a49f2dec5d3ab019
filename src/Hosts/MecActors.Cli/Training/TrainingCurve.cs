using MecActors.Policies.Learning.JointA2C;

namespace MecActors.Cli.Training;

/// <summary>One row of <c>training.csv</c>: an update of the agent and the moving average of its reward.</summary>
internal readonly record struct TrainingRow(int Step, double Reward, double MovingAverage, double PolicyLoss, double ValueLoss, double Entropy);

/// <summary>
/// The updates of one training run as they happen, with the reward's moving average over the last
/// <see cref="Window"/> updates. Filled from the coordinator's thread, read by the progress display.
/// </summary>
internal sealed class TrainingCurve
{
    public const int Window = 100;

    private readonly Lock _gate = new();
    private readonly List<TrainingRow> _rows = [];

    public int Updates
    {
        get
        {
            lock (_gate)
            {
                return _rows.Count;
            }
        }
    }

    /// <summary>The latest moving average of the reward, or null before the first update.</summary>
    public double? MovingAverage
    {
        get
        {
            lock (_gate)
            {
                return _rows.Count == 0 ? null : _rows[^1].MovingAverage;
            }
        }
    }

    public void Add(TrainingPoint point)
    {
        lock (_gate)
        {
            // Summed afresh, oldest first, so the average does not depend on rounding carried from earlier updates.
            var from = Math.Max(0, _rows.Count + 1 - Window);
            var sum = 0.0;
            for (var i = from; i < _rows.Count; i++)
            {
                sum += _rows[i].Reward;
            }

            sum += point.Reward;
            var average = sum / (_rows.Count + 1 - from);
            _rows.Add(new TrainingRow(point.Slot, point.Reward, average, point.PolicyLoss, point.ValueLoss, point.Entropy));
        }
    }

    public IReadOnlyList<TrainingRow> Snapshot()
    {
        lock (_gate)
        {
            return _rows.ToArray();
        }
    }
}
