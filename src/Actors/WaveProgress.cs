using MecActors.Core.Emulation;
using MecActors.Core.Metrics;

namespace MecActors.Actors;

/// <summary>
/// A coordinator's view of the wave under way: which pass, how many resources have still to reach the horizon in
/// it, whether a back link changed, and the tasks left waiting in resources. A cyclic wave whose pass changed no
/// back link is at its fixpoint and is committed.
/// </summary>
public sealed class WaveProgress
{
    private readonly HashSet<ResourceRef> _reported = new();
    private int _awaited = -1;
    private bool _changed;
    private long _openWaves;
    private long _batches;
    private long _horizons;
    private long _nextPasses;
    private long _commits;

    public long Wave { get; private set; }

    public WaveLayout? Layout { get; private set; }

    public int Pass { get; private set; }

    public int PendingInResources { get; private set; }

    /// <summary>The wave messages so far.</summary>
    public WaveTraffic Traffic => new(_openWaves, _batches, _horizons, _nextPasses, _commits);

    /// <summary>Every resource has reached the horizon in the wave's last pass.</summary>
    public bool Done => _awaited == 0 && !_changed;

    /// <summary>A pass is under way and some resource taking part has not reached its horizon.</summary>
    public bool Waiting => _awaited > 0;

    public long Open(WaveLayout layout)
    {
        Wave++;
        Layout = layout;
        Pass = 1;
        _openWaves += layout.Roles.Count;
        Reset();
        return Wave;
    }

    /// <summary>Counts one resource's report; returns what the coordinator must do once the pass is complete.</summary>
    public PassOutcome Reached(ResourceRef resource, long wave, int pass, int pending, bool changed)
    {
        if (wave != Wave || pass != Pass)
        {
            throw new InvalidOperationException($"{resource} reported pass {pass} of wave {wave} during pass {Pass} of wave {Wave}");
        }

        if (!_reported.Add(resource))
        {
            throw new InvalidOperationException($"{resource} reported pass {pass} of wave {wave} twice");
        }

        _awaited--;
        PendingInResources += pending;
        _changed |= changed;
        if (_awaited > 0)
        {
            return PassOutcome.Waiting;
        }

        if (!Layout!.Cyclic)
        {
            return PassOutcome.Done;
        }

        if (_changed)
        {
            NextPass();
            return PassOutcome.NextPass;
        }

        Commit();
        return PassOutcome.Commit;
    }

    /// <summary>The cyclic wave runs another pass.</summary>
    public void NextPass()
    {
        Pass++;
        _nextPasses += Layout!.Roles.Count;
        Reset();
    }

    /// <summary>The cyclic wave's last pass stands.</summary>
    public void Commit() => _commits += Layout!.Roles.Count;

    /// <summary>No wave under way.</summary>
    public void Close() => _awaited = -1;

    /// <summary>The resources taking part that have not reached the horizon in this pass, in the layout's order.</summary>
    public IEnumerable<ResourceRef> Unreported()
    {
        if (!Waiting)
        {
            yield break;
        }

        foreach (var role in Layout!.Roles)
        {
            if (!_reported.Contains(role.Resource))
            {
                yield return role.Resource;
            }
        }
    }

    private void Reset()
    {
        _batches += Layout!.Links;
        _horizons += Layout.Roles.Count;
        _awaited = Layout.Roles.Count;
        _changed = false;
        _reported.Clear();
        PendingInResources = 0;
    }
}

public enum PassOutcome
{
    Waiting,
    NextPass,
    Commit,
    Done,
}
