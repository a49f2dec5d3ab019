using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Policies.Caching;
using MecActors.Policies.Learning.JointA2C;
using MecActors.Policies.Offloading;
using Xunit;

namespace MecActors.Policies.Tests;

/// <summary>
/// A run checkpointed at the end of slot N and resumed from that checkpoint by policies built under another seed: the
/// resumed run emulates slots 1..N again with the logged decisions, puts the captured state back, and must then decide
/// and learn as the uninterrupted run did, slot for slot, and end in the same state. Under another seed nothing but
/// the restored state can make the two agree.
/// </summary>
public sealed class ResumablePolicyTests
{
    private const int Seed = 7;
    private const int OtherSeed = 99;
    private const int Before = 12;
    private const int Slots = 30;

    public static TheoryData<string> PolicySets => [JointA2CLearning, Paper000Policies.RandomDecisionsName, Paper000Policies.GreedyName, Paper000Policies.RandomCachingGreedyName];

    private const string JointA2CLearning = "joint-a2c learning";

    [Theory]
    [MemberData(nameof(PolicySets))]
    public void A_run_resumed_from_its_checkpoint_decides_learns_and_ends_as_the_uninterrupted_run(string set)
    {
        var system = TestSystem.Create();
        var uninterrupted = Create(set, system, Seed);
        var reference = new ReferenceModel(system, uninterrupted, system.Scenario.Seed);
        var expected = reference.Run(Slots, checkpointAfter: Before);
        var checkpoint = Assert.IsType<RunCheckpoint>(reference.Checkpoint);

        var resumed = Create(set, system, OtherSeed);
        var run = new ReferenceModel(system, resumed, system.Scenario.Seed, checkpoint).Run(Slots);

        Assert.Equal(Before, checkpoint.Slot);
        Assert.Equal(expected.Records, run.Records);
        Assert.Equal(State(uninterrupted.Offloading), State(resumed.Offloading));
        Assert.Equal(State(uninterrupted.Caching), State(resumed.Caching));
        if (uninterrupted.Offloading is JointA2CAgent agent)
        {
            var resumedAgent = (JointA2CAgent)resumed.Offloading;
            Assert.Equal(agent.Parameters.Select(p => p.Value.ToColumnMajorArray()), resumedAgent.Parameters.Select(p => p.Value.ToColumnMajorArray()));
        }
    }

    /// <summary>The seed does shape these sets' decisions: without the restored state, the other seed's run differs.</summary>
    [Theory]
    [InlineData(JointA2CLearning)]
    [InlineData(Paper000Policies.RandomDecisionsName)]
    [InlineData(Paper000Policies.RandomCachingGreedyName)]
    public void Under_the_other_seed_the_run_decides_otherwise(string set)
    {
        var system = TestSystem.Create();

        var seeded = ReferenceModel.Run(system, Create(set, system, Seed), Slots, system.Scenario.Seed);
        var other = ReferenceModel.Run(system, Create(set, system, OtherSeed), Slots, system.Scenario.Seed);

        Assert.NotEqual(
            seeded.Records.Where(r => r.Slot > Before).Select(r => (r.TargetEdge, r.Exit, r.CacheHit)),
            other.Records.Where(r => r.Slot > Before).Select(r => (r.TargetEdge, r.Exit, r.CacheHit)));
    }

    [Fact]
    public void Popularity_caching_restored_from_its_capture_places_as_the_original()
    {
        var system = TestSystem.Create();
        var original = new PopularityCaching(system);
        original.Place(TestSystem.Requests(system, 2, [3, 3, 1], [2, 2], [0]));
        original.Place(TestSystem.Requests(system, 3, [3, 1, 1], [1], [0, 0]));
        var restored = new PopularityCaching(system);
        var fresh = new PopularityCaching(system);

        restored.RestoreState(original.CaptureState());

        Assert.Equal(original.CaptureState(), restored.CaptureState());
        var next = TestSystem.Requests(system, 4, [1], [], [2]);
        var placed = original.Place(next);
        Assert.Equal(placed, restored.Place(next));
        Assert.NotEqual(placed, fresh.Place(next));
    }

    [Fact]
    public void Random_caching_restored_from_its_capture_draws_as_the_original()
    {
        var system = TestSystem.Create();
        var original = new RandomCaching(Seed);
        original.Place(TestSystem.Requests(system, 2));
        original.Place(TestSystem.Requests(system, 3));
        var restored = new RandomCaching(OtherSeed);

        restored.RestoreState(original.CaptureState());

        for (var slot = 4; slot < 10; slot++)
        {
            Assert.Equal(original.Place(TestSystem.Requests(system, slot)), restored.Place(TestSystem.Requests(system, slot)));
        }
    }

    [Fact]
    public void A_capture_of_another_kind_of_policy_is_refused()
    {
        var system = TestSystem.Create();
        var random = new RandomDecisions(Seed).CaptureState();

        Assert.Throws<InvalidDataException>(() => new PopularityCaching(system).RestoreState(random));
        Assert.Throws<InvalidDataException>(() => new JointA2CAgent(system, LearnedParts.Joint, A2CSettings.Paper, Seed).RestoreState(random));
        Assert.Throws<InvalidDataException>(() => new GreedyOffloading(GreedyMode.Edge).RestoreState(new GreedyOffloading(GreedyMode.Joint).CaptureState()));
        Assert.Throws<InvalidDataException>(() => new RandomDecisions(Seed).RestoreState(random[..^1]));
    }

    [Fact]
    public void Every_policy_set_of_paper_000s_scenario_can_capture_its_state()
    {
        var system = TestSystem.Create();
        string[] sets =
        [
            Paper000Policies.JointA2CName, Paper000Policies.RandomDecisionsName, Paper000Policies.RandomCachingName, Paper000Policies.LocalEdgeName,
            Paper000Policies.NoEarlyExitName, Paper000Policies.GreedyName, Paper000Policies.RandomCachingGreedyName, Paper000Policies.LocalEdgeGreedyName,
            Paper000Policies.NoEarlyExitGreedyName,
        ];

        Assert.All(sets, set => Assert.Null(SlotCycle.NotResumableReason(PolicyCatalog.All.Create(set, system, Seed))));
    }

    [Fact]
    public void A_set_whose_policy_cannot_capture_its_state_is_named_and_refuses_a_checkpoint()
    {
        var system = TestSystem.Create();
        var set = new PolicySet("fixed", new FixedPlacement(NodeKind.Edge), new PopularityCaching(system));
        var checkpoint = Checkpoint(system);
        var cycle = new SlotCycle(system, set with { Name = checkpoint.Policy }, Seed);

        Assert.Equal("FixedPlacement cannot capture its state", SlotCycle.NotResumableReason(set));
        Assert.Throws<InvalidDataException>(() => cycle.ResumeFrom(checkpoint));
    }

    [Fact]
    public void A_checkpoint_of_another_policy_or_seed_is_refused()
    {
        var system = TestSystem.Create();
        var checkpoint = Checkpoint(system);

        var other = new SlotCycle(system, PolicyCatalog.All.Create(Paper000Policies.GreedyName, system, Seed), system.Scenario.Seed);
        var reseeded = new SlotCycle(system, PolicyCatalog.All.Create(Paper000Policies.RandomDecisionsName, system, Seed), system.Scenario.Seed + 1);

        Assert.Contains("the checkpoint is of random-decisions", Assert.Throws<InvalidDataException>(() => other.ResumeFrom(checkpoint)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => reseeded.ResumeFrom(checkpoint));
        Assert.Throws<InvalidDataException>(() => new SlotCycle(system, PolicyCatalog.All.Create(Paper000Policies.RandomDecisionsName, system, Seed), system.Scenario.Seed)
            .ResumeFrom(checkpoint with { Actions = checkpoint.Actions[1..] }));
    }

    private static RunCheckpoint Checkpoint(SystemView system)
    {
        var reference = new ReferenceModel(system, PolicyCatalog.All.Create(Paper000Policies.RandomDecisionsName, system, Seed), system.Scenario.Seed);
        reference.Run(6, checkpointAfter: 3);
        return reference.Checkpoint!;
    }

    private static PolicySet Create(string set, SystemView system, int seed) =>
        set == JointA2CLearning
            ? EvaluationPolicies.Create(Paper000Policies.JointA2CName, system, seed, null, keepLearning: true)
            : PolicyCatalog.All.Create(set, system, seed);

    private static byte[] State(object policy) => ((IResumablePolicy)policy).CaptureState();
}
