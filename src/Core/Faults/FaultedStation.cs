using MecActors.Core.Queueing;

namespace MecActors.Core.Faults;

/// <summary>
/// A station whose capacity follows a <see cref="CapacityProfile"/>: the nominal station run in warped time. Arrivals
/// and deadlines go in through C; starts come back as the latest time of their warped instant (a job that could
/// start during an outage starts when it ends), ends as the earliest. A job that leaves at its deadline leaves at
/// the deadline it was offered with, so its times stay the ones of the caller's clock.
/// </summary>
public sealed class FaultedStation : IStation
{
    private readonly IStation _nominal;
    private readonly CapacityProfile _profile;
    private readonly Dictionary<long, Job> _offered;
    private readonly List<Departure> _warped = new();

    public FaultedStation(IStation nominal, CapacityProfile profile)
    {
        _nominal = nominal;
        _profile = profile;
        _offered = new Dictionary<long, Job>();
    }

    private FaultedStation(FaultedStation other)
    {
        _nominal = other._nominal.Clone();
        _profile = other._profile;
        _offered = new Dictionary<long, Job>(other._offered);
    }

    public int Pending => _nominal.Pending;

    public double FreeAt => _profile.LatestAt(_nominal.FreeAt);

    public double NextDeparture => _profile.EarliestAt(_nominal.NextDeparture);

    public IStation Clone() => new FaultedStation(this);

    public void Arrive(Job job)
    {
        _offered.Add(job.Id, job);
        _nominal.Arrive(job with { Arrival = _profile.Warp(job.Arrival), Deadline = _profile.Warp(job.Deadline) });
    }

    public void ExpectBatch(int batch, int count) => _nominal.ExpectBatch(batch, count);

    public void Advance(double horizon, List<Departure> output)
    {
        _warped.Clear();
        _nominal.Advance(_profile.Warp(horizon), _warped);
        var first = output.Count;
        foreach (var d in _warped)
        {
            _offered.Remove(d.Id, out var job);
            if (d.Dropped)
            {
                var end = Math.Max(job.Deadline, job.Arrival);
                output.Add(new Departure(d.Id, job.Arrival, Math.Clamp(_profile.LatestAt(d.Start), job.Arrival, end), end, Dropped: true));
            }
            else
            {
                var start = Math.Max(job.Arrival, _profile.LatestAt(d.Start));
                output.Add(new Departure(d.Id, job.Arrival, start, Math.Max(start, _profile.EarliestAt(d.End))));
            }
        }

        JobOrder.SortByEnd(output, first, output.Count - first);
    }
}
