namespace MecActors.Core.Decisions;

/// <summary>
/// Decides X(t) and Y(t): for every task of a slot, its edge and exit. Learning agents also receive,
/// in slot order, the feedback of each slot once all its tasks have ended.
/// </summary>
public interface IOffloadingPolicy
{
    /// <summary>One decision per task of the observation, in the same order.</summary>
    OffloadDecision[] Decide(SlotObservation observation);

    void Learn(SlotFeedback feedback);

    /// <summary>
    /// Called by a driver on wall time once a decision's plans have gone out. A policy may leave work that
    /// <see cref="Decide"/> need not finish first (learning from the step before) until then, off the path of the
    /// step's requests; its every other call does that work first, so no result depends on whether a driver calls this.
    /// </summary>
    void Settle()
    {
    }
}

/// <summary>Decides Z(t+1): the models each edge caches for the next slot, within its storage (C3).</summary>
public interface ICachingPolicy
{
    /// <summary>Per edge, per model type: cache it or not.</summary>
    bool[][] Place(CacheObservation observation);
}

/// <summary>A named pair of policies: the unit a comparison runs.</summary>
public sealed record PolicySet(string Name, IOffloadingPolicy Offloading, ICachingPolicy Caching);
