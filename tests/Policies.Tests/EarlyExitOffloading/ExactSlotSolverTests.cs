using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Policies.Caching;
using MecActors.Policies.EarlyExitOffloading;
using Xunit;

namespace MecActors.Policies.Tests.EarlyExitOffloading;

public sealed class ExactSlotSolverTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Solver_reaches_the_optimum_of_plain_enumeration_on_loaded_and_dynamic_slots(int devices)
    {
        foreach (var observation in Observations(devices, slots: devices <= 4 ? 30 : 8))
        {
            var problem = new SlotProblem(observation, Servers(observation));
            foreach (var lastExitOnly in new[] { false, true })
            {
                var allowed = problem.Options.Allowed(lastExitOnly);
                var (options, reward) = ExactSlotSolver.Solve(problem, allowed);
                var (_, enumerated) = ExactSlotSolver.Enumerate(problem, allowed);
                Assert.Equal(enumerated, reward, 12);
                Assert.Equal(reward, problem.Reward(options), 12);
                Assert.All(options, o => Assert.Contains(o, allowed));
            }
        }
    }

    /// <summary>
    /// Exact when a slot's uploads all end within the slot (at most 8 ms here), so no task of the next slot can reach
    /// a server before them; the servers' backlogs carry over from slot to slot.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_slot_problem_predicts_the_engine_completion_of_every_task_without_dynamics(bool exhaustive)
    {
        var system = EarlyExitScenarios.System(devices: 6, slotMs: 10, inputMaxMb: 0.02);
        var recorder = new RecordingPolicy(exhaustive ? new ExhaustiveOffloading(system) : new LocalServerOffloading(system, lastExit: true));
        var run = ReferenceModel.Run(system, new PolicySet("exhaustive", recorder, new PopularityCaching(system)), 30, 3);
        var byTask = run.Records.ToDictionary(r => r.TaskId);
        var checkedTasks = 0;
        foreach (var (observation, decisions) in recorder.Slots)
        {
            var problem = new SlotProblem(observation, Servers(observation));
            var options = decisions.Select(d => problem.Options.Index(d.TargetEdge, d.Exit)).ToArray();
            var freeAt = Enumerable.Range(0, 2).Select(problem.InitialFreeAt).ToArray();
            foreach (var task in problem.ArrivalOrder)
            {
                var (server, exit) = problem.Options.Of(options[task]);
                freeAt[server] = problem.Completion(task, server, exit, freeAt[server]);
                var record = byTask[observation.Tasks[task].TaskId];
                // The model leaves out the hop to the other server (well under 0.1 us at 10,000 Gbit/s).
                Assert.InRange(record.DelayS - (freeAt[server] - problem.ReleaseSeconds(task)), -1e-7, 1e-7);
                checkedTasks++;
            }
        }

        Assert.Equal(180, checkedTasks);
        Assert.Contains(run.Records, r => r.Outcome == TaskOutcome.MissedDeadline);
        Assert.Contains(run.Records, r => r.QueueingS > 1e-4);
        Assert.Equal(!exhaustive, recorder.Slots.Any(s => s.Observation.Queues.Of(ResourceRef.EdgeCompute(1)).BacklogSeconds > 0));
    }

    [Fact]
    public void Solver_beats_or_equals_every_fixed_choice_and_uses_early_exits_under_load()
    {
        var earlyExitUsed = false;
        foreach (var observation in Observations(devices: 8, slots: 20, dynamics: true))
        {
            var problem = new SlotProblem(observation, Servers(observation));
            var (options, reward) = ExactSlotSolver.Solve(problem, problem.Options.Allowed(lastExitOnly: false));
            foreach (var fixedOption in problem.Options.Allowed(lastExitOnly: false))
            {
                Assert.True(reward >= problem.Reward(Enumerable.Repeat(fixedOption, problem.Tasks).ToArray()) - 1e-12);
            }

            earlyExitUsed |= options.Any(o => problem.Options.Of(o).Exit < problem.Options.Exits);
        }

        Assert.True(earlyExitUsed);
    }

    private static EarlyExitServers Servers(SlotObservation observation) =>
        observation.System.Scenario.PolicyParameters.Get<EarlyExitServers>();

    /// <summary>The observations of a run of local-last-exit, whose queues build up, so slots start with backlogs.</summary>
    private static IEnumerable<SlotObservation> Observations(int devices, int slots, bool dynamics = true)
    {
        var system = EarlyExitScenarios.System(devices, slotMs: 2.0, dynamics: dynamics, slots: slots);
        var recorder = new RecordingPolicy(new LocalServerOffloading(system, lastExit: true));
        ReferenceModel.Run(system, new PolicySet("local", recorder, new PopularityCaching(system)), slots, 3);
        return recorder.Slots.Select(s => s.Observation);
    }
}
