using MecActors.Core.Decisions;
using MecActors.Policies.Learning.JointA2C;
using Xunit;

namespace MecActors.Policies.Tests.Learning;

/// <summary>
/// The per-action features of <see cref="OptionEncoder"/> on <see cref="TestSystem"/> (3 edges on a line, 6 devices
/// round-robin, so two per edge; models with 3 exits, model m's blocks costing 1, 2 and 3 times (m + 1) gigacycles,
/// so 1, 3 and 6 gigacycles up to each exit of model 0 and twice that for model 1).
/// </summary>
public class OptionEncoderTests
{
    private const int MaxExits = 3;
    private const int Features = 7;
    private const double Scale = 100.0;

    [Fact]
    public void Times_come_from_the_delay_formulas_and_every_task_starts_counted_at_its_local_edge()
    {
        var system = TestSystem.Create();
        var cached = new[] { new[] { true, false, false, false }, new bool[4], new bool[4] };
        var tasks = Enumerable.Range(0, 6).Select(u => TestSystem.Task(system, 1, u, model: u % 2)).ToList();
        var observation = TestSystem.Observation(system, 1, tasks, TestSystem.Edges(system, cached));
        var encoder = new OptionEncoder(system, MaxExits);
        var options = new double[system.Edges * MaxExits * Features];

        encoder.Begin(observation);
        var task = tasks[0];
        encoder.Encode(task, options);

        var model = system.Scenario.Models[task.ModelId];
        for (var n = 0; n < system.Edges; n++)
        {
            var hit = cached[n][task.ModelId];
            var tasksThere = n == task.LocalEdge ? 2 : 3;
            for (var b = 1; b <= MaxExits; b++)
            {
                var option = Option(options, n, b);
                Assert.Equal(Scale * system.ReadySeconds(task, n, hit, ResourceQueues.None), option[0], 9);
                Assert.Equal(Scale * system.ComputeSeconds(task.ModelId, b, n, tasksThere, ResourceQueues.None), option[1], 9);
                Assert.Equal(Scale * model.AccuracyAt(b), option[2], 9);
                Assert.Equal(hit ? 1.0 : 0.0, option[4]);
                Assert.Equal(system.Topology.Hops(task.LocalEdge, n), option[5]);
                Assert.Equal(Scale * system.ComputeSeconds(task.ModelId, b, n, 1, ResourceQueues.None), option[6], 9);
            }
        }

        // Edge 0's other local task is device 3 (model 1, 12 gigacycles to its last exit); edge 1 has devices 1 and 4.
        var capacity = system.Scenario.Edges[0].CapacityHz;
        Assert.Equal(Scale * 12e9 / capacity, Option(options, 0, 1)[3], 9);
        Assert.Equal(Scale * (12e9 + 6e9) / capacity, Option(options, 1, 1)[3], 9);
    }

    [Fact]
    public void A_task_sees_where_the_tasks_decided_before_it_went()
    {
        var system = TestSystem.Create();
        var tasks = Enumerable.Range(0, 6).Select(u => TestSystem.Task(system, 1, u, model: 0)).ToList();
        var observation = TestSystem.Observation(system, 1, tasks, TestSystem.Edges(system, TestSystem.AllCached(system)));
        var encoder = new OptionEncoder(system, MaxExits);
        var before = new double[system.Edges * MaxExits * Features];
        var after = new double[before.Length];

        encoder.Begin(observation);
        encoder.Encode(tasks[3], before);

        // Device 0 (local edge 0) goes to edge 2 and exits after block 1.
        encoder.Assign(tasks[0], new OffloadDecision(2, 1));
        encoder.Encode(tasks[3], after);

        var capacity = system.Scenario.Edges[0].CapacityHz;
        var alone = Scale * 1e9 / capacity;

        // Edge 0 lost a task (two counted, itself included, becomes one); edge 2 gained one (three with device 3 becomes four).
        Assert.Equal(2 * alone, Option(before, 0, 1)[1], 9);
        Assert.Equal(1 * alone, Option(after, 0, 1)[1], 9);
        Assert.Equal(3 * alone, Option(before, 2, 1)[1], 9);
        Assert.Equal(4 * alone, Option(after, 2, 1)[1], 9);

        // The others' computation: device 0 counted at its last exit (6 gigacycles) while undecided, at exit 1 once sent.
        Assert.Equal(Scale * 6e9 / capacity, Option(before, 0, 1)[3], 9);
        Assert.Equal(0.0, Option(after, 0, 1)[3], 9);
        Assert.Equal(Scale * (6e9 + 6e9 + 1e9) / capacity, Option(after, 2, 1)[3], 9);
    }

    [Fact]
    public void Exits_beyond_the_model_are_left_at_zero()
    {
        var system = LearningScenarios.TwoEdges(models: [LearningScenarios.Shape.ThreeExits, LearningScenarios.Shape.OneExit]);
        var observation = LearningScenarios.RandomSlot(system, 1, 3);
        var encoder = new OptionEncoder(system, MaxExits);
        var options = new double[system.Edges * MaxExits * Features];

        encoder.Begin(observation);
        foreach (var task in observation.Tasks)
        {
            encoder.Encode(task, options);
            var exits = system.Scenario.Models[task.ModelId].ExitCount;
            for (var n = 0; n < system.Edges; n++)
            {
                for (var b = 1; b <= MaxExits; b++)
                {
                    Assert.Equal(b > exits, Option(options, n, b).ToArray().All(x => x == 0.0));
                }
            }
        }
    }

    private static Span<double> Option(double[] options, int edge, int exit) =>
        options.AsSpan((edge * MaxExits + exit - 1) * Features, Features);
}
