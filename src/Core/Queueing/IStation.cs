namespace MecActors.Core.Queueing;

/// <summary>
/// A queue in simulated time. Jobs arrive in any wall-clock order; <see cref="Advance"/> is called with a
/// horizon H once every job arriving before H has been offered, and finalises every departure that no
/// later arrival (at or after H) can change. Jobs it cannot finalise yet stay pending for the next horizon.
/// </summary>
public interface IStation
{
    /// <summary>Jobs offered but not yet finalised.</summary>
    int Pending { get; }

    void Arrive(Job job);

    /// <summary>Announces how many jobs batch (slot) <paramref name="batch"/> will bring; only per-slot sharing uses it.</summary>
    void ExpectBatch(int batch, int count);

    /// <summary>Appends finalised departures to <paramref name="output"/>, ordered by (end, id).</summary>
    void Advance(double horizon, List<Departure> output);

    /// <summary>The earliest time a new job could start service, given the work finalised so far.</summary>
    double FreeAt { get; }

    /// <summary>
    /// The earliest time a job still in service could leave if nothing else arrived (infinity when none is): when a
    /// driver in wall time must look again. Only processor sharing holds jobs past <see cref="Advance"/>.
    /// </summary>
    double NextDeparture { get; }

    /// <summary>An independent copy of the queue and everything in it.</summary>
    IStation Clone();
}
