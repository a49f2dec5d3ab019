using MecActors.Core.Randomness;
using MecActors.Policies.Orchestration;
using Xunit;

namespace MecActors.Policies.Tests.Orchestration;

public sealed class StateActionQNetworkTests
{
    private const int Devices = 3;

    [Theory]
    [InlineData(new[] { 0, 1, 2 })]
    [InlineData(new[] { 0, 2 })]
    [InlineData(new[] { 1 })]
    [InlineData(new int[0])]
    public void The_enumerated_best_joint_action_is_the_argmax_of_the_plain_forward_pass(int[] active) =>
        AssertArgmax(Devices, active);

    [Theory]
    [InlineData(new[] { 0, 1, 2, 3 })]
    [InlineData(new[] { 0, 1, 3 })]
    public void An_enumeration_split_across_the_cores_finds_the_same_argmax(int[] active) =>
        AssertArgmax(4, active);

    // 16 hidden units fill panels of 512-bit registers, 24 those of 256-bit ones only, 12 neither (the scalar loop).
    [Theory]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(12)]
    public void The_enumeration_finds_the_same_argmax_whatever_registers_its_width_fits(int hidden) =>
        AssertArgmax(Devices, [0, 1, 2], hidden);

    private static void AssertArgmax(int devices, int[] active, int hidden = 16)
    {
        var (network, joints) = Trained(steps: 40, devices, hidden);
        var state = State(active, seed: 5, devices);

        var (joint, q) = network.Best([state], [active])[0];

        var expected = (Joint: -1L, Q: double.NegativeInfinity);
        for (var j = 0L; j < joints.Count(active.Length); j++)
        {
            var value = network.Value(state, joints.Output(j, active));
            if (value > expected.Q)
            {
                expected = (j, value);
            }
        }

        Assert.Equal(expected.Joint, joint);
        Assert.Equal(expected.Q, q, 9);
    }

    [Fact]
    public void A_training_step_moves_the_taken_action_towards_its_target()
    {
        var (network, joints) = Trained(steps: 0);
        int[] active = [0, 1, 2];
        var state = State(active, seed: 9);
        var output = joints.Output(123, active);
        var target = network.Value(state, output) + 1.0;

        var before = Math.Abs(network.Value(state, output) - target);
        for (var i = 0; i < 20; i++)
        {
            network.Train([state], [output], [target]);
        }

        Assert.True(Math.Abs(network.Value(state, output) - target) < before / 2, "twenty Adam steps on one record should halve its error");
    }

    [Fact]
    public void A_loaded_checkpoint_is_not_answered_from_the_enumerations_of_the_old_weights()
    {
        var system = OrchestrationScenarios.System("orchestration.conf", 2, ("orchestration.dqn.network", "state-action"), ("slots", "300"));
        var space = new ActionSpace(OrchestrationSettings.Of(system), offloadOnly: false);
        var trained = new DqnOrchestration(system, space, Paper003Policies.DqnName, 1);
        Core.Emulation.ReferenceModel.Run(system, new Core.Decisions.PolicySet("train", trained, new Caching.PopularityCaching(system)), 300, 1);
        var fresh = new DqnOrchestration(system, space, Paper003Policies.DqnName, 2);
        int[] active = [0, 1];
        var state = State2(active);
        var before = fresh.Greedy(state);
        var path = Path.GetTempFileName();
        try
        {
            trained.Save(path);
            fresh.Load(path);
            Assert.Equal(trained.Greedy(state), fresh.Greedy(state));
            Assert.NotEqual(before, fresh.Greedy(state));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_inactive_device_contributes_no_action_input()
    {
        var (network, joints) = Trained(steps: 40);
        int[] active = [0, 2];
        var state = State(active, seed: 3);

        // Device 1 is inactive: its digit in a record's joint does not reach the network.
        Assert.Equal(network.Value(state, joints.Output(37, active)), network.Value(state, joints.Output(37, active) + 10), 12);
    }

    private static (StateActionQNetwork Network, JointActions Joints) Trained(int steps, int devices = Devices, int hidden = 16)
    {
        var system = OrchestrationScenarios.System("orchestration.conf", devices);
        var settings = OrchestrationSettings.Of(system);
        var space = new ActionSpace(settings, offloadOnly: false);
        var joints = new JointActions(space, devices);
        var features = ResourceState.FeatureCount(devices);
        var network = new StateActionQNetwork(joints, features, hidden, settings.Dqn, RandomStream.For(1, StreamKind.Policy, 310));
        var random = new Random(2);
        for (var step = 0; step < steps; step++)
        {
            var states = new List<double[]>();
            var outputs = new List<long>();
            var targets = new double[8];
            for (var i = 0; i < 8; i++)
            {
                states.Add(State([.. Enumerable.Range(0, devices)], seed: random.Next(), devices));
                outputs.Add(random.Next((int)joints.Count(devices)));
                targets[i] = -random.NextDouble();
            }

            network.Train(states, outputs, targets);
        }

        return (network, joints);
    }

    private static double[] State2(int[] active)
    {
        var state = new double[ResourceState.FeatureCount(2)];
        foreach (var device in active)
        {
            state[ResourceState.ActiveIndex(device)] = 1;
        }

        return state;
    }

    private static double[] State(int[] active, int seed, int devices = Devices)
    {
        var random = new Random(seed);
        var state = new double[ResourceState.FeatureCount(devices)];
        for (var i = 0; i < state.Length; i++)
        {
            state[i] = random.Next(2);
        }

        for (var device = 0; device < devices; device++)
        {
            state[ResourceState.ActiveIndex(device)] = active.Contains(device) ? 1 : 0;
        }

        return state;
    }
}
