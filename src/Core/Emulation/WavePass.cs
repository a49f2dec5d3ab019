namespace MecActors.Core.Emulation;

/// <summary>
/// The reference model's batches within a wave: those of the current pass on forward links, and on back links
/// those of the previous pass (to feed this one) and of this pass (to compare with them: a wave has reached its
/// fixpoint once they are equal).
/// </summary>
internal sealed class WavePass
{
    // Forward batches stay with their resource from pass to pass and wave to wave, emptied once used: their lists
    // keep their capacity, since the same links carry about as many tasks each wave.
    private readonly Dictionary<ResourceRef, Batch> _forward = new();
    private readonly List<Batch> _forwardUsed = new();
    private Dictionary<(ResourceRef From, ResourceRef To), Batch> _backBefore = new();
    private Dictionary<(ResourceRef From, ResourceRef To), Batch> _back = new();
    private readonly List<TaskProgress> _tasks = new();
    private readonly List<ModelArrival> _models = new();

    public void BeginWave()
    {
        _back.Clear();
        _backBefore.Clear();
    }

    /// <summary>The back links' batches of the pass just run feed the next one.</summary>
    public void BeginPass()
    {
        foreach (var used in _forwardUsed)
        {
            used.Clear();
        }

        _forwardUsed.Clear();
        (_backBefore, _back) = (_back, _backBefore);
        _back.Clear();
    }

    /// <summary>Feeds the node of <paramref name="role"/> everything sent to it for this pass.</summary>
    public void Feed(ResourceNode node, WaveRole role)
    {
        if (_forward.TryGetValue(role.Resource, out var batch))
        {
            Feed(node, batch);
        }

        foreach (var from in role.BackUpstream)
        {
            if (_backBefore.TryGetValue((from, role.Resource), out var back))
            {
                Feed(node, back);
            }
        }
    }

    /// <summary>Advances the node to the horizon and sends what leaves on; tasks at the end of their route go to <paramref name="finished"/>.</summary>
    public void Advance(ResourceNode node, WaveRole role, double horizon, List<TaskProgress> finished)
    {
        _tasks.Clear();
        _models.Clear();
        node.Advance(horizon, _tasks, _models);
        foreach (var task in _tasks)
        {
            if (task.Finished)
            {
                finished.Add(task);
            }
            else
            {
                Send(role, task.NextResource()).Tasks.Add(task);
            }
        }

        foreach (var model in _models)
        {
            Send(role, WaveInputs.FetchTarget(role.Resource)).Models.Add(model);
        }
    }

    /// <summary>Whether any back link carried something else in this pass than in the previous one.</summary>
    public bool BackLinksChanged()
    {
        foreach (var (link, batch) in _back)
        {
            if (!_backBefore.TryGetValue(link, out var before) || !batch.SameAs(before))
            {
                return true;
            }
        }

        foreach (var (link, before) in _backBefore)
        {
            if (!_back.ContainsKey(link) && !before.IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    private Batch Send(WaveRole role, ResourceRef to)
    {
        if (Array.IndexOf(role.Downstream, to) < 0)
        {
            throw new InvalidOperationException($"{role.Resource}: a task leaves towards {to}, which takes no part in the wave");
        }

        if (Array.IndexOf(role.BackDownstream, to) >= 0)
        {
            var key = (role.Resource, to);
            return _back.GetValueOrDefault(key) ?? (_back[key] = new Batch());
        }

        if (!_forward.TryGetValue(to, out var batch))
        {
            batch = new Batch();
            _forward.Add(to, batch);
        }

        if (batch.IsEmpty)
        {
            _forwardUsed.Add(batch);
        }

        return batch;
    }

    private static void Feed(ResourceNode node, Batch batch)
    {
        foreach (var task in batch.Tasks)
        {
            node.Arrive(task);
        }

        foreach (var model in batch.Models)
        {
            node.ModelArrived(model);
        }
    }

    private sealed class Batch
    {
        public List<TaskProgress> Tasks { get; } = new();

        public List<ModelArrival> Models { get; } = new();

        public bool IsEmpty => Tasks.Count == 0 && Models.Count == 0;

        public void Clear()
        {
            Tasks.Clear();
            Models.Clear();
        }

        public bool SameAs(Batch other) => TaskProgress.SameProgress(Tasks, other.Tasks) && Models.SequenceEqual(other.Models);
    }
}
