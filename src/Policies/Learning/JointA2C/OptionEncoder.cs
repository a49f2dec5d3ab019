using MecActors.Core.Decisions;
using MecActors.Core.Workload;

namespace MecActors.Policies.Learning.JointA2C;

/// <summary>
/// Describes each (edge n, exit b) action of a task by the same <see cref="Features"/> entries, for the score the
/// agent shares across actions. The slot's tasks are decided one after another, and the load features count the
/// tasks already sent to n in this slot plus the undecided tasks whose local edge is n (assumed to stay there), so
/// a device sees where the devices before it went. Times are in hundredths of a slot, accuracy in points:
/// <list type="number">
/// <item>when the task could start at n: upload, fiber hops and, if n does not cache the model, the download (eq. (1)-(3));</item>
/// <item>its compute time there, c_u(b) K_n / f_n, with K_n the tasks at n counted so, itself included;</item>
/// <item>its accuracy at exit b;</item>
/// <item>the computation of the other tasks at n over f_n: the delay they would lose in total if this task left;</item>
/// <item>whether n caches the model (0 or 1);</item>
/// <item>the hops from its local edge to n;</item>
/// <item>c_u(b) / f_n, its compute time alone.</item>
/// </list>
/// </summary>
public sealed class OptionEncoder
{
    private const double Scale = 100.0;
    private readonly SystemView _system;
    private readonly int _edges;
    private readonly int _maxExits;
    private readonly int[] _assignedTasks;
    private readonly double[] _assignedCycles;
    private readonly int[] _undecidedTasks;
    private readonly double[] _undecidedCycles;
    private SlotObservation? _observation;

    public OptionEncoder(SystemView system, int maxExits)
    {
        _system = system;
        _edges = system.Edges;
        _maxExits = maxExits;
        _assignedTasks = new int[_edges];
        _assignedCycles = new double[_edges];
        _undecidedTasks = new int[_edges];
        _undecidedCycles = new double[_edges];
    }

    /// <summary>Entries per action.</summary>
    public int Features => 7;

    /// <summary>Starts a slot: nothing assigned yet, every task counted at its local edge.</summary>
    public void Begin(SlotObservation observation)
    {
        _observation = observation;
        Array.Clear(_assignedTasks);
        Array.Clear(_assignedCycles);
        Array.Clear(_undecidedTasks);
        Array.Clear(_undecidedCycles);
        foreach (var task in observation.Tasks)
        {
            _undecidedTasks[task.LocalEdge]++;
            _undecidedCycles[task.LocalEdge] += FullCycles(task);
        }
    }

    /// <summary>Writes the features of every action of <paramref name="task"/> (action a = edge · maxExits + exit − 1), zero for exits the model lacks.</summary>
    public void Encode(TaskRequest task, Span<double> options)
    {
        var observation = _observation ?? throw new InvalidOperationException("Begin a slot first.");
        options.Clear();
        var model = _system.Scenario.Models[task.ModelId];
        var slot = _system.Scenario.SlotSeconds;
        var full = model.CyclesTo(model.ExitCount);
        var uplink = _system.UplinkSeconds(task, observation.Queues);
        for (var n = 0; n < _edges; n++)
        {
            var status = observation.Edges[n];
            var cached = status.Cached[task.ModelId];
            var local = n == task.LocalEdge;
            var tasks = _assignedTasks[n] + _undecidedTasks[n] + (local ? 0 : 1);
            var others = _assignedCycles[n] + _undecidedCycles[n] - (local ? full : 0.0);
            var ready = _system.ReadySeconds(task, n, cached, observation.Queues, uplink);
            for (var b = 1; b <= model.ExitCount; b++)
            {
                var option = options.Slice((n * _maxExits + b - 1) * Features, Features);
                var alone = model.CyclesTo(b) / status.CapacityHz;
                option[0] = Scale * ready / slot;
                option[1] = Scale * alone * tasks / slot;
                option[2] = Scale * model.AccuracyAt(b);
                option[3] = Scale * others / status.CapacityHz / slot;
                option[4] = cached ? 1.0 : 0.0;
                option[5] = _system.Topology.Hops(task.LocalEdge, n);
                option[6] = Scale * alone / slot;
            }
        }
    }

    /// <summary>Records the task's decision: it leaves the undecided count of its local edge and joins its target's.</summary>
    public void Assign(TaskRequest task, OffloadDecision decision)
    {
        _undecidedTasks[task.LocalEdge]--;
        _undecidedCycles[task.LocalEdge] -= FullCycles(task);
        _assignedTasks[decision.TargetEdge]++;
        _assignedCycles[decision.TargetEdge] += _system.Scenario.Models[task.ModelId].CyclesTo(decision.Exit);
    }

    private double FullCycles(TaskRequest task)
    {
        var model = _system.Scenario.Models[task.ModelId];
        return model.CyclesTo(model.ExitCount);
    }
}
