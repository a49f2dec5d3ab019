using MecActors.Core.Decisions;
using MecActors.Policies.Learning.JointA2C;
using MecActors.Policies.Learning.NeuralNet;
using Xunit;

namespace MecActors.Policies.Tests.Learning;

public sealed class JointA2CCheckpointTests : IDisposable
{
    private static readonly LearningScenarios.Shape[] Models = [LearningScenarios.Shape.ThreeExits, LearningScenarios.Shape.TwoExits];

    private readonly string _directory = Directory.CreateTempSubdirectory("mec-a2c-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_saved_agent_loaded_into_a_fresh_agent_decides_identically()
    {
        var system = LearningScenarios.TwoEdges(models: Models);
        var trained = TrainedAgent(system);
        var path = Path.Combine(_directory, "agent.mecnn");
        trained.Save(path);

        var fresh = new JointA2CAgent(system, LearnedParts.Joint, A2CSettings.Paper, 99) { Training = false };
        var observations = Observations(system);
        Assert.NotEqual(Decide(trained, observations), Decide(fresh, observations));

        fresh.Load(path);

        Assert.Equal(Decide(trained, observations), Decide(fresh, observations));
        Assert.Equal(trained.Parameters.Count, fresh.Parameters.Count);
        for (var i = 0; i < trained.Parameters.Count; i++)
        {
            Assert.Equal(trained.Parameters[i].Value.ToColumnMajorArray(), fresh.Parameters[i].Value.ToColumnMajorArray());
        }
    }

    [Fact]
    public void A_checkpoint_drives_a_system_with_more_devices_since_every_device_shares_the_network()
    {
        var system = LearningScenarios.TwoEdges(models: Models);
        var path = Path.Combine(_directory, "agent.mecnn");
        var trained = TrainedAgent(system);
        trained.Save(path);

        var larger = LearningScenarios.TwoEdges(devices: 6, models: Models);
        var other = new JointA2CAgent(larger, LearnedParts.Joint, A2CSettings.Paper, 5) { Training = false };
        other.Load(path);

        Assert.Equal(
            trained.Parameters.Select(p => p.Value.ToColumnMajorArray()),
            other.Parameters.Select(p => p.Value.ToColumnMajorArray()));
        Assert.All(Decide(other, Observations(larger)), d => Assert.InRange(d.TargetEdge, 0, larger.Edges - 1));
    }

    [Fact]
    public void Loading_a_checkpoint_of_a_system_with_another_exit_count_throws_naming_the_mismatched_parameter()
    {
        var system = LearningScenarios.TwoEdges(models: Models);
        var path = Path.Combine(_directory, "agent.mecnn");
        TrainedAgent(system).Save(path);

        var oneExit = LearningScenarios.TwoEdges(models: [LearningScenarios.Shape.OneExit]);
        var other = new JointA2CAgent(oneExit, LearnedParts.Joint, A2CSettings.Paper, 5) { Training = false };
        var observations = Observations(oneExit);
        var before = Decide(other, observations);
        var weightsBefore = other.Parameters.Select(p => p.Value.ToColumnMajorArray()).ToList();

        var error = Assert.Throws<InvalidDataException>(() => other.Load(path));

        var expected = other.Parameters.Single(p => p.Name == "trunk0.weight");
        var saved = TrainedAgent(system).Parameters.Single(p => p.Name == "trunk0.weight");
        Assert.NotEqual(saved.Shape, expected.Shape);
        Assert.Contains("'trunk0.weight'", error.Message, StringComparison.Ordinal);
        Assert.Contains(saved.Shape, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected.Shape, error.Message, StringComparison.Ordinal);

        // A rejected file leaves the agent as it was.
        Assert.Equal(before, Decide(other, observations));
        Assert.Equal(weightsBefore, other.Parameters.Select(p => p.Value.ToColumnMajorArray()).ToList());
    }

    private static JointA2CAgent TrainedAgent(SystemView system)
    {
        var agent = new JointA2CAgent(system, LearnedParts.Joint, A2CSettings.Paper, 3);
        LearningScenarios.Train(system, agent, FixedCaching.EdgeOneOnly(system), 1_000, 2);
        agent.Training = false;
        return agent;
    }

    private static List<SlotObservation> Observations(SystemView system) =>
        Enumerable.Range(1, 40).Select(slot => LearningScenarios.RandomSlot(system, slot, 31, idle: 0.25)).ToList();

    private static List<OffloadDecision> Decide(JointA2CAgent agent, List<SlotObservation> observations) =>
        observations.SelectMany(agent.Decide).ToList();
}
