using MecActors.Core.Decisions;
using MecActors.Core.Queueing;
using MecActors.Core.Scenarios;

namespace MecActors.Core.Emulation;

/// <summary>
/// An edge server: its model cache (Z, within S_n) and its processor. A task is ready to compute when both
/// its input and, on a miss, the model download of its slot have arrived; it then queues by that time.
/// </summary>
public sealed class EdgeNode
{
    private readonly SystemView _system;
    private readonly IStation _station;
    private readonly bool[] _cached;
    private readonly Dictionary<(int Model, int Slot), double> _downloaded = new();
    private readonly Dictionary<(int Model, int Slot), List<TaskProgress>> _awaitingModel = new();
    private readonly Dictionary<long, (TaskProgress Task, double Ready, double DataArrival)> _computing = new();
    private readonly Dictionary<int, int> _inputsOutstanding = new();
    private readonly Dictionary<int, List<int>> _downloadsBySlot = new();
    private readonly List<Departure> _departures = new();

    public EdgeNode(SystemView system, int edge)
    {
        _system = system;
        Spec = system.Scenario.Edges[edge];
        _station = StationFactory.Create(system, ResourceRef.EdgeCompute(edge));
        _cached = new bool[system.Scenario.Models.Count];
    }

    public EdgeSpec Spec { get; }

    public int Pending => _computing.Count + CountAwaiting();

    /// <summary>Z for this edge; fails if the placement breaks C3.</summary>
    public void Place(IReadOnlyList<bool> models)
    {
        var used = 0.0;
        for (var m = 0; m < models.Count; m++)
        {
            if (models[m])
            {
                used += _system.Scenario.Models[m].SizeBits;
            }
        }

        if (used > Spec.StorageBytes * 8.0)
        {
            throw new InvalidOperationException($"edge {Spec.Id}: cache placement of {used / 8e9:F3} GB exceeds storage {Spec.StorageBytes / 1e9:F3} GB (C3)");
        }

        for (var m = 0; m < _cached.Length; m++)
        {
            _cached[m] = models[m];
        }
    }

    public EdgeStatus Status(double now) => new(
        Spec.Id, Spec.CapacityHz, Spec.Cores, Spec.StorageBytes, Math.Max(0.0, _station.FreeAt - now), (bool[])_cached.Clone());

    /// <summary>How many tasks slot <paramref name="slot"/> sends here (f_n(t) = f_max / that count).</summary>
    public void ExpectSlot(int slot, int tasks)
    {
        _station.ExpectBatch(slot, tasks);
        if (tasks > 0)
        {
            _inputsOutstanding[slot] = tasks;
        }
    }

    public void InputArrived(TaskProgress task)
    {
        if (!task.NeedsFetch)
        {
            StartCompute(task, task.Time, task.Time);
            InputCounted(task.Slot);
            return;
        }

        var key = (task.Plan.Request.ModelId, task.Slot);
        if (_downloaded.TryGetValue(key, out var modelTime))
        {
            StartCompute(task, Math.Max(task.Time, modelTime), task.Time);
        }
        else
        {
            if (!_awaitingModel.TryGetValue(key, out var waiting))
            {
                waiting = new List<TaskProgress>();
                _awaitingModel.Add(key, waiting);
            }

            waiting.Add(task);
        }

        InputCounted(task.Slot);
    }

    public void ModelArrived(ModelArrival arrival)
    {
        var key = (arrival.ModelId, arrival.Slot);
        if (_awaitingModel.Remove(key, out var waiting))
        {
            foreach (var task in waiting)
            {
                StartCompute(task, Math.Max(task.Time, arrival.Time), task.Time);
            }
        }

        if (_inputsOutstanding.ContainsKey(arrival.Slot))
        {
            _downloaded[key] = arrival.Time;
            if (!_downloadsBySlot.TryGetValue(arrival.Slot, out var models))
            {
                models = new List<int>();
                _downloadsBySlot.Add(arrival.Slot, models);
            }

            models.Add(arrival.ModelId);
        }
    }

    /// <summary>Finalises what the horizon allows; returns finished tasks with all delay components.</summary>
    public void Advance(double horizon, List<TaskProgress> finished)
    {
        _departures.Clear();
        _station.Advance(horizon, _departures);
        foreach (var d in _departures)
        {
            var (task, ready, dataArrival) = _computing[d.Id];
            _computing.Remove(d.Id);
            finished.Add(task with
            {
                StageIndex = task.StageIndex + 1,
                Time = d.End,
                DownloadS = task.DownloadS + (ready - dataArrival),
                QueueingS = task.QueueingS + d.Waiting,
                ComputeS = task.ComputeS + d.Service,
            });
        }

    }

    private void StartCompute(TaskProgress task, double ready, double dataArrival)
    {
        _computing.Add(task.TaskId, (task, ready, dataArrival));
        _station.Arrive(new Job(task.TaskId, ready, task.CurrentStage().CapacityWork, task.Slot));
    }

    private void InputCounted(int slot)
    {
        // A download serves only the misses of its own slot: once all the slot's inputs are in, it can go.
        var left = _inputsOutstanding[slot] - 1;
        if (left > 0)
        {
            _inputsOutstanding[slot] = left;
            return;
        }

        _inputsOutstanding.Remove(slot);
        if (_downloadsBySlot.Remove(slot, out var models))
        {
            foreach (var model in models)
            {
                _downloaded.Remove((model, slot));
            }
        }
    }

    private int CountAwaiting()
    {
        var n = 0;
        foreach (var list in _awaitingModel.Values)
        {
            n += list.Count;
        }

        return n;
    }
}
