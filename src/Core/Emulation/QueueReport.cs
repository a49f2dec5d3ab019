using MecActors.Core.Decisions;

namespace MecActors.Core.Emulation;

/// <summary>
/// What a resource holds once it has advanced to a horizon, enough to give its queue state at any later instant
/// until it advances again: when it could start a new job (<paramref name="FreeAt"/>), the jobs offered to it that are
/// not finalised yet (<paramref name="Offered"/>, those waiting for their model included) and the ends of the jobs
/// finalised that leave after the horizon (<paramref name="LeavingAt"/>).
/// </summary>
public readonly record struct QueueReport(double FreeAt, int Offered, double[] LeavingAt)
{
    /// <summary>A resource that holds nothing past its horizon: idle at every later instant.</summary>
    public static readonly QueueReport Idle = new(0.0, 0, []);

    public bool IsIdle => Offered == 0 && LeavingAt.Length == 0 && FreeAt <= 0.0;

    /// <summary>The queue state at <paramref name="now"/>, no earlier than the horizon of the report.</summary>
    public QueueState At(ResourceRef resource, double now)
    {
        var jobs = Offered;
        foreach (var end in LeavingAt)
        {
            if (end > now)
            {
                jobs++;
            }
        }

        return new QueueState(resource, Math.Max(0.0, FreeAt - now), jobs);
    }
}
