namespace MecActors.Core.Queueing;

/// <summary>
/// Work offered to a station: <see cref="Work"/> is in capacity-seconds (bits for a wired link,
/// bits / spectral efficiency for a radio link, cycles for a processor). <see cref="Batch"/> is the slot
/// whose decision caused it.
/// </summary>
public readonly record struct Job(long Id, double Arrival, double Work, int Batch);

/// <summary>A finished job: it arrived, started service, and left.</summary>
public readonly record struct Departure(long Id, double Arrival, double Start, double End)
{
    public double Waiting => Start - Arrival;

    public double Service => End - Start;
}

internal static class JobOrder
{
    /// <summary>Stations serve by (arrival, id), so wall-clock arrival order never matters.</summary>
    public static readonly Comparison<Job> ByArrival = (a, b) =>
    {
        var c = a.Arrival.CompareTo(b.Arrival);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    };

    public static readonly Comparison<Departure> ByEnd = (a, b) =>
    {
        var c = a.End.CompareTo(b.End);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    };
}
