using MecActors.Core.Decisions;

namespace MecActors.Policies.Offloading;

/// <summary>
/// A per-slot local search over the whole slot's objective (4): starting from <see cref="GreedyOffloading"/>'s
/// answer, each task in turn takes the (edge, exit) that lowers the slot's total alpha * D - beta * Acc the most,
/// counting what its move does to the tasks already sharing the old and the new edge (f_n(t) = f_n^max / K_n);
/// sweeps repeat until no single move improves. Delays are the formulas of <see cref="SystemView"/>, so this is
/// the objective's per-slot optimum as far as one-task moves reach it: a learning-free reference for where the
/// learned policies should land, not a baseline of the paper. Deterministic: ties keep the current decision.
/// </summary>
public sealed class SlotSearchOffloading : IOffloadingPolicy
{
    /// <summary>Upper bound on sweeps; every accepted move lowers the objective strictly, so the search ends well before.</summary>
    public const int MaxSweeps = 100;

    private const double Improvement = 1e-12;

    public SlotSearchOffloading(GreedyMode mode)
    {
        Mode = mode;
    }

    public GreedyMode Mode { get; }

    public OffloadDecision[] Decide(SlotObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var decisions = new GreedyOffloading(Mode).Decide(observation);
        new Search(observation, Mode, decisions).Run();
        return decisions;
    }

    public void Learn(SlotFeedback feedback)
    {
    }

    /// <summary>
    /// The slot's cost kept per edge: with K_n tasks of total cycles C_n at edge n, their compute delays sum to
    /// K_n * C_n / f_n^max, so a move's effect on everyone is known from (K, C) of the two edges involved.
    /// </summary>
    private sealed class Search
    {
        private readonly SlotObservation _observation;
        private readonly SystemView _system;
        private readonly OffloadDecision[] _decisions;
        private readonly int[] _tasksAt;
        private readonly double[] _cyclesAt;
        private readonly EdgeStatus?[] _status;
        private readonly bool _freeEdge;
        private readonly bool _freeExit;
        private readonly double _alpha;
        private readonly double _beta;

        public Search(SlotObservation observation, GreedyMode mode, OffloadDecision[] decisions)
        {
            _observation = observation;
            _system = observation.System;
            _decisions = decisions;
            var edges = _system.Edges;
            _tasksAt = new int[edges];
            _cyclesAt = new double[edges];
            _status = new EdgeStatus?[edges];
            foreach (var s in observation.Edges)
            {
                if (s.Edge >= 0 && s.Edge < edges)
                {
                    _status[s.Edge] = s;
                }
            }

            _freeEdge = (mode & GreedyMode.Edge) != 0;
            _freeExit = (mode & GreedyMode.Exit) != 0;
            _alpha = _system.Scenario.Objective.Alpha;
            _beta = _system.Scenario.Objective.Beta;
            for (var i = 0; i < decisions.Length; i++)
            {
                _tasksAt[decisions[i].TargetEdge]++;
                _cyclesAt[decisions[i].TargetEdge] += Cycles(i, decisions[i].Exit);
            }
        }

        public void Run()
        {
            for (var sweep = 0; sweep < MaxSweeps; sweep++)
            {
                var moved = false;
                for (var i = 0; i < _decisions.Length; i++)
                {
                    moved |= Improve(i);
                }

                if (!moved)
                {
                    return;
                }
            }
        }

        /// <summary>Moves task <paramref name="i"/> to its best (edge, exit) given all others; true if it moved.</summary>
        private bool Improve(int i)
        {
            var task = _observation.Tasks[i];
            var model = _system.Scenario.Models[task.ModelId];
            var current = _decisions[i];
            var currentFeasible = Feasible(current.TargetEdge, task.ModelId);
            var best = current;
            var bestDelta = -Improvement;
            var firstEdge = _freeEdge ? 0 : task.LocalEdge;
            var lastEdge = _freeEdge ? _system.Edges - 1 : task.LocalEdge;
            var firstExit = _freeExit ? 1 : model.ExitCount;
            var readyFrom = Ready(i, current.TargetEdge);
            for (var n = firstEdge; n <= lastEdge; n++)
            {
                if (currentFeasible && !Feasible(n, task.ModelId))
                {
                    continue;
                }

                // When the task could start at n does not depend on its exit.
                var readyChange = Ready(i, n) - readyFrom;

                for (var b = firstExit; b <= model.ExitCount; b++)
                {
                    var candidate = new OffloadDecision(n, b);
                    if (candidate == current)
                    {
                        continue;
                    }

                    var delta = Delta(i, current, candidate, readyChange);
                    if (delta < bestDelta)
                    {
                        best = candidate;
                        bestDelta = delta;
                    }
                }
            }

            if (best == current)
            {
                return false;
            }

            _tasksAt[current.TargetEdge]--;
            _cyclesAt[current.TargetEdge] -= Cycles(i, current.Exit);
            _tasksAt[best.TargetEdge]++;
            _cyclesAt[best.TargetEdge] += Cycles(i, best.Exit);
            _decisions[i] = best;
            return true;
        }

        /// <summary>
        /// The change of the slot's total cost if task <paramref name="i"/> moves from one decision to another, given
        /// the change of its start time <paramref name="readyChange"/>.
        /// </summary>
        private double Delta(int i, OffloadDecision from, OffloadDecision to, double readyChange)
        {
            var task = _observation.Tasks[i];
            var model = _system.Scenario.Models[task.ModelId];
            var cyclesFrom = Cycles(i, from.Exit);
            var cyclesTo = Cycles(i, to.Exit);
            double computeChange;
            if (from.TargetEdge == to.TargetEdge)
            {
                var n = from.TargetEdge;
                computeChange = _tasksAt[n] * (cyclesTo - cyclesFrom) / Capacity(n);
            }
            else
            {
                var (a, b) = (from.TargetEdge, to.TargetEdge);
                computeChange =
                    ((_tasksAt[a] - 1) * (_cyclesAt[a] - cyclesFrom) - _tasksAt[a] * _cyclesAt[a]) / Capacity(a)
                    + ((_tasksAt[b] + 1) * (_cyclesAt[b] + cyclesTo) - _tasksAt[b] * _cyclesAt[b]) / Capacity(b);
            }

            var accuracyChange = model.AccuracyAt(to.Exit) - model.AccuracyAt(from.Exit);
            return _alpha * (readyChange + computeChange) - _beta * accuracyChange;
        }

        private double Ready(int i, int edge)
        {
            var task = _observation.Tasks[i];
            return _system.ReadySeconds(task, edge, Cached(edge, task.ModelId), _observation.Queues);
        }

        private double Cycles(int i, int exit) => _system.Scenario.Models[_observation.Tasks[i].ModelId].CyclesTo(exit);

        private double Capacity(int edge) => _system.Scenario.Edges[edge].CapacityHz;

        private bool Cached(int edge, int model) => _status[edge] is { } s && s.Cached[model];

        private bool Feasible(int edge, int model) =>
            Cached(edge, model)
            || _system.Scenario.Models[model].SizeBits <= (_status[edge]?.StorageBytes ?? _system.Scenario.Edges[edge].StorageBytes) * 8.0;
    }
}
