namespace MecActors.Policies.Orchestration;

/// <summary>A step whose lesson is complete: the state, the joint action taken, its reward and the next step's state.</summary>
internal readonly record struct CompletedStep<TState>(TState State, long Joint, double Reward, TState Next);

/// <summary>
/// The steps an agent has taken whose lesson waits for two things: the step's reward (its feedback may come slots
/// later) and the next step's state, that of the next step the agent takes (a slot without requests asks for no
/// decision). A step is handed over once, when both are in. The system runs on (Algorithms 1 and 2's "while system is
/// on"): a run's last step has no next state and teaches nothing.
/// </summary>
internal sealed class PendingSteps<TState>
{
    private readonly Dictionary<int, (TState State, long Joint)> _taken = [];
    private readonly Dictionary<int, TState> _next = [];
    private readonly Dictionary<int, double> _rewards = [];
    private int _latest;

    /// <summary>A new run: what the last one left waiting has no next state.</summary>
    public void Clear()
    {
        _taken.Clear();
        _next.Clear();
        _rewards.Clear();
        _latest = 0;
    }

    public bool Took(int slot) => _taken.ContainsKey(slot);

    /// <summary>
    /// Records step <paramref name="slot"/>, whose state is the next state of the step taken before it; returns that
    /// step's slot (0: none). A slot that is not after the latest one taken starts a new run.
    /// </summary>
    public int Taken(int slot, TState state, long joint)
    {
        if (slot <= _latest)
        {
            Clear();
        }

        var previous = _latest;
        if (previous > 0)
        {
            _next[previous] = state;
        }

        _taken[slot] = (state, joint);
        _latest = slot;
        return previous;
    }

    public void Rewarded(int slot, double reward) => _rewards[slot] = reward;

    /// <summary>Step <paramref name="slot"/>'s lesson, once its reward and the next state are in; it is forgotten then.</summary>
    public bool TryComplete(int slot, out CompletedStep<TState> step)
    {
        if (!_rewards.TryGetValue(slot, out var reward) || !_taken.TryGetValue(slot, out var taken) || !_next.TryGetValue(slot, out var following))
        {
            step = default;
            return false;
        }

        _rewards.Remove(slot);
        _taken.Remove(slot);
        _next.Remove(slot);
        step = new CompletedStep<TState>(taken.State, taken.Joint, reward, following);
        return true;
    }
}
