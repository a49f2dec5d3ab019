namespace MecActors.Core.Randomness;

/// <summary>
/// One entity's two-state Markov chain in slot steps (a user on or off, a link regular or weak): in slot 1 it is in its
/// initial state; entering slot t it leaves the state it is in with that state's probability, by one draw of the
/// entity's stream keyed by t. The draws are keyed, so the state of a slot is the same whichever driver asks, in
/// whatever order; the chain remembers the last slot it reached and walks on from there.
/// </summary>
public sealed class TwoStateChain
{
    private readonly int _seed;
    private readonly StreamKind _kind;
    private readonly int _id;
    private readonly int _episode;
    private readonly bool _initial;
    private readonly double _leaveFalse;
    private readonly double _leaveTrue;
    private int _slot = 1;
    private bool _state;

    /// <param name="leaveFalse">The probability of going from false to true entering a slot.</param>
    /// <param name="leaveTrue">The probability of going from true to false entering a slot.</param>
    public TwoStateChain(int seed, StreamKind kind, int id, int episode, bool initial, double leaveFalse, double leaveTrue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leaveFalse, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(leaveFalse, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(leaveTrue, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(leaveTrue, 1.0);
        _seed = seed;
        _kind = kind;
        _id = id;
        _episode = episode;
        _initial = initial;
        _leaveFalse = leaveFalse;
        _leaveTrue = leaveTrue;
        _state = initial;
    }

    /// <summary>The state in slot <paramref name="slot"/> (1, 2, ...).</summary>
    public bool At(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slot, 1);
        if (slot < _slot)
        {
            _slot = 1;
            _state = _initial;
        }

        for (; _slot < slot; _slot++)
        {
            var leave = _state ? _leaveTrue : _leaveFalse;
            if (RandomStream.ForKey(_seed, _kind, _id, _episode, _slot + 1).NextDouble() < leave)
            {
                _state = !_state;
            }
        }

        return _state;
    }
}
