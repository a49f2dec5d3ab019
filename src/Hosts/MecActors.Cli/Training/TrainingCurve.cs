using MecActors.Policies.Learning;

namespace MecActors.Cli.Training;

/// <summary>One row of <c>training.csv</c>: an update of the agent and the moving average of its followed metric.</summary>
internal readonly record struct TrainingRow(TrainingPoint Point, double MovingAverage)
{
    public int Step => Point.Slot;
}

/// <summary>
/// The updates of one training run as they happen, with the moving average of the agent's followed metric
/// (<see cref="TrainingMetrics.Followed"/>: A2C's reward) over the last <see cref="Window"/> updates. Filled from the
/// coordinator's thread, read by the progress display.
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

    /// <summary>The latest moving average of the followed metric, or null before the first update.</summary>
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
        ArgumentNullException.ThrowIfNull(point);
        lock (_gate)
        {
            // Summed afresh, oldest first, so the average does not depend on rounding carried from earlier updates.
            var from = Math.Max(0, _rows.Count + 1 - Window);
            var sum = 0.0;
            for (var i = from; i < _rows.Count; i++)
            {
                sum += _rows[i].Point.FollowedValue;
            }

            sum += point.FollowedValue;
            var average = sum / (_rows.Count + 1 - from);
            _rows.Add(new TrainingRow(point, average));
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
