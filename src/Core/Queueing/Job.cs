namespace MecActors.Core.Queueing;

/// <summary>
/// Work offered to a station: <see cref="Work"/> is in capacity-seconds (bits for a wired link,
/// bits / spectral efficiency for a radio link, cycles for a processor). <see cref="Batch"/> is the slot
/// whose decision caused it. A job with a finite <see cref="Deadline"/> leaves the station at that instant if it
/// has not finished by then, waiting or in service, and frees what it held.
/// </summary>
public readonly record struct Job(long Id, double Arrival, double Work, int Batch, double Deadline = double.PositiveInfinity);

/// <summary>A job that left: it arrived, started service, and finished, or was <see cref="Dropped"/> at its deadline.</summary>
public readonly record struct Departure(long Id, double Arrival, double Start, double End, bool Dropped = false)
{
    /// <summary>The departure of a job that ran from <paramref name="start"/> to <paramref name="end"/>, or left at its deadline before.</summary>
    public static Departure Of(Job job, double start, double end) =>
        end > job.Deadline
            ? new Departure(job.Id, job.Arrival, Math.Min(start, job.Deadline), Math.Max(job.Deadline, job.Arrival), Dropped: true)
            : new Departure(job.Id, job.Arrival, start, end);

    public double Waiting => Start - Arrival;

    public double Service => End - Start;
}

/// <summary>Stations serve by (arrival, id) and hand departures on by (end, id), so wall-clock arrival order never matters.</summary>
internal static class JobOrder
{
    /// <summary>
    /// Sorts <paramref name="count"/> departures from <paramref name="first"/> by (end, id). Every Advance sorts its output,
    /// which a single server mostly gives in order already: one pass finds that.
    /// </summary>
    public static void SortByEnd(List<Departure> departures, int first, int count)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(departures).Slice(first, count);
        var order = default(EndOrder);
        for (var i = 1; i < span.Length; i++)
        {
            if (order.Compare(span[i - 1], span[i]) > 0)
            {
                span.Sort(order);
                return;
            }
        }
    }

    /// <summary>Sorts jobs by (arrival, id), the comparison inlined.</summary>
    public static void SortByArrival(List<Job> jobs) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(jobs).Sort(default(ArrivalOrder));

    private readonly struct EndOrder : IComparer<Departure>
    {
        public int Compare(Departure a, Departure b)
        {
            var c = a.End.CompareTo(b.End);
            return c != 0 ? c : a.Id.CompareTo(b.Id);
        }
    }

    private readonly struct ArrivalOrder : IComparer<Job>
    {
        public int Compare(Job a, Job b)
        {
            var c = a.Arrival.CompareTo(b.Arrival);
            return c != 0 ? c : a.Id.CompareTo(b.Id);
        }
    }
}
