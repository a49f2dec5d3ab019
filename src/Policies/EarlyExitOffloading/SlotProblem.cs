using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Policies.EarlyExitOffloading;

/// <summary>
/// One slot of paper 002 as a policy estimates it from its observation: each task's arrival at the servers (its
/// upload after its device's backlog at the estimated rate, eq. (6)), each server's backlog and available fraction of
/// its capacity, and each (server, exit)'s processing time. A choice per task (an <see cref="OffloadOptions"/> index)
/// gives completion times by first come, first served at each server (eqs. (7)-(8)) and the slot's reward, eq. (9)
/// averaged over the tasks. Tasks are kept in the order they reach the servers (arrival, then task id), the order
/// in which a FIFO server takes them.
/// </summary>
public sealed class SlotProblem
{
    private readonly double[] _arrival;
    private readonly double[] _release;
    private readonly double[] _deadline;
    private readonly int[] _order;
    private readonly double[] _freeAt;
    private readonly double[,] _processing;
    private readonly double[] _accuracy;
    private readonly double _steepness;

    public SlotProblem(SlotObservation observation, EarlyExitServers servers)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(servers);
        var system = observation.System;
        var scenario = system.Scenario;
        var tasks = observation.Tasks;
        Options = new OffloadOptions(scenario.EdgeCount, servers.Exits);
        _steepness = servers.RewardSteepness;
        _arrival = new double[tasks.Count];
        _release = new double[tasks.Count];
        _deadline = new double[tasks.Count];
        for (var i = 0; i < tasks.Count; i++)
        {
            var task = tasks[i];
            _release[i] = task.ArrivalOffset;
            _arrival[i] = task.ArrivalOffset + system.UplinkSeconds(task, observation.Queues);
            _deadline[i] = task.DeadlineSeconds;
        }

        _order = [.. Enumerable.Range(0, tasks.Count).OrderBy(i => _arrival[i]).ThenBy(i => tasks[i].TaskId)];
        _freeAt = new double[scenario.EdgeCount];
        Availability = new double[scenario.EdgeCount];
        _processing = new double[scenario.EdgeCount, servers.Exits];
        for (var n = 0; n < scenario.EdgeCount; n++)
        {
            _freeAt[n] = observation.Queues.Of(ResourceRef.EdgeCompute(n)).BacklogSeconds;
            Availability[n] = observation.Edges[n].CapacityHz / scenario.Edges[n].CapacityHz;
            for (var e = 1; e <= servers.Exits; e++)
            {
                _processing[n, e - 1] = servers.Seconds(n, e) / Availability[n];
            }
        }

        _accuracy = [.. Enumerable.Range(1, servers.Exits).Select(e => scenario.Models[0].AccuracyAt(e))];
    }

    public OffloadOptions Options { get; }

    public int Tasks => _arrival.Length;

    /// <summary>Each server's available fraction of its capacity this slot.</summary>
    public double[] Availability { get; }

    /// <summary>Task indices (observation order) in the order they reach the servers.</summary>
    public ReadOnlySpan<int> ArrivalOrder => _order;

    public double ArrivalSeconds(int task) => _arrival[task];

    public double ReleaseSeconds(int task) => _release[task];

    public double DeadlineSeconds(int task) => _deadline[task];

    /// <summary>When <paramref name="server"/> is first free, from the slot's start, before any of this slot's tasks.</summary>
    public double InitialFreeAt(int server) => _freeAt[server];

    /// <summary>The time <paramref name="server"/> takes to run a task to <paramref name="exit"/> (1-based) this slot.</summary>
    public double ProcessingSeconds(int server, int exit) => _processing[server, exit - 1];

    public double Accuracy(int exit) => _accuracy[exit - 1];

    /// <summary>Eq. (9) for one task completing at <paramref name="completion"/> (from the slot's start) at <paramref name="exit"/>.</summary>
    public double TaskReward(int task, int exit, double completion) =>
        DeadlineReward.Of(_accuracy[exit - 1], completion - _release[task], _deadline[task], _steepness);

    /// <summary>The completion of <paramref name="task"/> at a server free at <paramref name="freeAt"/> (eqs. (7), (8)).</summary>
    public double Completion(int task, int server, int exit, double freeAt) =>
        Math.Max(_arrival[task], freeAt) + _processing[server, exit - 1];

    /// <summary>The slot's reward, eq. (9) averaged over its tasks, of one option per task (observation order).</summary>
    public double Reward(ReadOnlySpan<int> options) => Evaluate(options).Reward;

    /// <summary>
    /// The slot's reward of one option per task (observation order), and the sum over the servers of when each is
    /// free again after the slot's tasks (the time they leave to the next slots).
    /// </summary>
    public (double Reward, double FreeAtSum) Evaluate(ReadOnlySpan<int> options)
    {
        if (options.Length != Tasks)
        {
            throw new ArgumentException($"{options.Length} options for {Tasks} tasks", nameof(options));
        }

        Span<double> freeAt = stackalloc double[_freeAt.Length];
        _freeAt.CopyTo(freeAt);
        var total = 0.0;
        foreach (var task in _order)
        {
            var (server, exit) = Options.Of(options[task]);
            var completion = Completion(task, server, exit, freeAt[server]);
            freeAt[server] = completion;
            total += TaskReward(task, exit, completion);
        }

        var sum = 0.0;
        foreach (var f in freeAt)
        {
            sum += f;
        }

        return (Tasks == 0 ? 0.0 : total / Tasks, sum);
    }
}
