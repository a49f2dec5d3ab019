using MecActors.Core.Decisions;
using MecActors.Policies.Learning.JointA2C;
using Xunit;

namespace MecActors.Policies.Tests.Learning;

/// <summary>
/// The agent's masks over a catalog of models with 3, 2 and 1 exits, some devices idle each slot: sampled
/// (while training) and greedy decisions alike respect C2 and the parts the agent does not learn.
/// </summary>
public class JointA2CActionMaskTests
{
    private static readonly LearningScenarios.Shape[] Models =
        [LearningScenarios.Shape.ThreeExits, LearningScenarios.Shape.TwoExits, LearningScenarios.Shape.OneExit];

    public static TheoryData<LearnedParts> AllParts() => new(LearnedParts.Joint, LearnedParts.Exit, LearnedParts.Edge);

    [Theory]
    [MemberData(nameof(AllParts))]
    public void Decisions_respect_the_exit_count_of_the_tasks_model_and_the_fixed_part(LearnedParts parts)
    {
        var system = LearningScenarios.TwoEdges(devices: 6, models: Models, taskProbability: 0.7);
        var agent = new JointA2CAgent(system, parts, A2CSettings.Paper, 21);
        var recorder = new RecordingPolicy(agent);

        LearningScenarios.Train(system, recorder, FixedCaching.EdgeOneOnly(system), 300, 9);
        agent.Training = false;
        var greedy = Enumerable.Range(1, 100).Select(slot => LearningScenarios.RandomSlot(system, slot, 17, idle: 0.3)).ToList();
        var decided = recorder.Observations.Zip(recorder.Decisions)
            .Concat(greedy.Select(o => (o, agent.Decide(o))))
            .ToList();

        var checkedTasks = 0;
        var exitsSeen = new HashSet<(int ExitCount, int Exit)>();
        var remote = 0;
        foreach (var (observation, decisions) in decided)
        {
            Assert.Equal(observation.Tasks.Count, decisions.Length);
            for (var i = 0; i < decisions.Length; i++)
            {
                var task = observation.Tasks[i];
                var exits = system.Scenario.Models[task.ModelId].ExitCount;
                var d = decisions[i];
                Assert.InRange(d.TargetEdge, 0, system.Edges - 1);
                Assert.InRange(d.Exit, 1, exits);
                if (parts == LearnedParts.Exit)
                {
                    Assert.Equal(task.LocalEdge, d.TargetEdge);
                }

                if (parts == LearnedParts.Edge)
                {
                    Assert.Equal(exits, d.Exit);
                }

                exitsSeen.Add((exits, d.Exit));
                remote += d.TargetEdge != task.LocalEdge ? 1 : 0;
                checkedTasks++;
            }
        }

        // Idle devices occurred, every model type was asked for, and the learned part did vary.
        Assert.Contains(decided, x => x.Item1.Tasks.Count < system.Scenario.DeviceCount);
        Assert.Equal([1, 2, 3], exitsSeen.Select(e => e.ExitCount).Distinct().Order());
        Assert.True(checkedTasks > 1000, $"{checkedTasks} tasks");
        if ((parts & LearnedParts.Exit) != 0)
        {
            Assert.Contains((3, 1), exitsSeen);
            Assert.Contains((3, 2), exitsSeen);
            Assert.Contains((2, 1), exitsSeen);
        }

        if ((parts & LearnedParts.Edge) != 0)
        {
            Assert.True(remote > 0, "no task was sent to a remote edge");
        }
    }
}
