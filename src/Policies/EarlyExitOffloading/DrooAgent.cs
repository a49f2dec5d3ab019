using MathNet.Numerics.LinearAlgebra;
using MecActors.Core.Decisions;
using MecActors.Core.Randomness;
using MecActors.Policies.Learning.NeuralNet;

namespace MecActors.Policies.EarlyExitOffloading;

/// <summary>
/// DROO (Huang, Bi, Zhang 2020) on paper 002's system, and DROOE, DROO whose action also picks the exit. As in DROO
/// the state is the wireless channel only: each device's estimated upload time over the deadline (a device without a
/// task in the slot reads 0). A fully connected network of 120 and 80 ReLU units (revenol/DROO's) maps it to a score
/// per device and option: its server (DROO, always the last exit) or its (server, exit) pair (DROOE). The input has
/// one place per device of the scenario, so a network trained for one number of devices cannot serve another.
/// </summary>
public sealed class DrooAgent : QuantisedOffloadingAgent<double[]>
{
    private readonly Sequential _network;
    private readonly int _devices;

    public DrooAgent(SystemView system, bool earlyExits, QuantisedAgentSettings settings, int seed)
        : base(system, earlyExits, settings, seed)
    {
        _devices = system.Scenario.Devices.Count;
        var init = RandomStream.For(seed, StreamKind.Policy, 2003);
        _network = new Sequential(
            new Dense("droo.hidden1", _devices, 120, WeightInit.He, init),
            new Relu(),
            new Dense("droo.hidden2", 120, 80, WeightInit.He, init),
            new Relu(),
            new Dense("droo.output", 80, _devices * Allowed.Length, WeightInit.Xavier, init));
    }

    public override IReadOnlyList<Parameter> Parameters => _network.Parameters;

    /// <summary>The input and the task of each device (-1: none) in the slot.</summary>
    protected override double[] Encode(SlotObservation observation, SlotProblem problem)
    {
        var input = new double[_devices + observation.Tasks.Count];
        for (var i = 0; i < observation.Tasks.Count; i++)
        {
            var task = observation.Tasks[i];
            if (task.Device >= _devices)
            {
                throw new InvalidOperationException($"DROO's network has an input per device of the {_devices} it was built for; device {task.Device} has none");
            }

            input[task.Device] = task.InputBits / task.UplinkRateBps / task.DeadlineSeconds;
            input[_devices + i] = task.Device;
        }

        return input;
    }

    protected override double[] Relaxed(double[] state, int tasks)
    {
        var logits = _network.Forward(Row(state));
        var options = Allowed.Length;
        var scores = new double[tasks * options];
        for (var i = 0; i < tasks; i++)
        {
            var device = (int)state[_devices + i];
            for (var o = 0; o < options; o++)
            {
                scores[(i * options) + o] = Sigmoid.Of(logits[0, (device * options) + o]);
            }
        }

        return scores;
    }

    protected override double Backpropagate(IReadOnlyList<(double[] State, int[] Targets)> batch)
    {
        var options = Allowed.Length;
        var input = Matrix<double>.Build.Dense(batch.Count, _devices);
        var targets = Matrix<double>.Build.Dense(batch.Count, _devices * options);
        for (var b = 0; b < batch.Count; b++)
        {
            var (state, chosen) = batch[b];
            for (var d = 0; d < _devices; d++)
            {
                input[b, d] = state[d];
            }

            for (var i = 0; i < chosen.Length; i++)
            {
                targets[b, ((int)state[_devices + i] * options) + chosen[i]] = 1.0;
            }
        }

        var logits = _network.Forward(input);
        var gradient = Matrix<double>.Build.Dense(logits.RowCount, logits.ColumnCount);
        var loss = BinaryCrossEntropyLoss.Compute(logits, targets, gradient);
        _network.Backward(gradient);
        return loss;
    }

    private Matrix<double> Row(double[] state)
    {
        var row = Matrix<double>.Build.Dense(1, _devices);
        for (var d = 0; d < _devices; d++)
        {
            row[0, d] = state[d];
        }

        return row;
    }
}
