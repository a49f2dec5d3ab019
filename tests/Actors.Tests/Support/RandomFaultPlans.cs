using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Faults;
using MecActors.Core.Randomness;
using MecActors.Core.Scenarios;

namespace MecActors.Actors.Tests.Support;

/// <summary>
/// Fault plans drawn at random over a scenario's own resources: every fault kind, single resources and whole kinds,
/// windows that open and close inside the run or stay open, both responses to a resource that is down.
/// </summary>
public static class RandomFaultPlans
{
    public static ScenarioSpec WithFaults(int index, ScenarioSpec scenario) =>
        scenario with { Faults = Draw(index, scenario) };

    public static FaultPlan Draw(int index, ScenarioSpec scenario)
    {
        var r = RandomStream.For(index, StreamKind.Scenario, 131);
        var resources = SystemResources.Of(new SystemView(scenario));
        var run = scenario.Slots * scenario.SlotSeconds;
        var faults = new List<FaultSpec>();
        var count = 1 + r.Next(4);
        for (var f = 0; f < count; f++)
        {
            var kind = (FaultKind)((index + f) % 8);
            var start = r.Uniform(0.0, 0.7) * run;

            // One in four stays to the end of the run.
            var end = r.Next(4) == 0 ? double.PositiveInfinity : start + (r.Uniform(0.05, 0.4) * run);
            if (f == 0 && index % 3 == 0)
            {
                start = 0.0;
            }

            faults.Add(kind switch
            {
                FaultKind.LinkDown => new FaultSpec(kind, LinkTarget(r, resources), start, end),
                FaultKind.LinkDegrade => new FaultSpec(kind, LinkTarget(r, resources), start, end, r.Uniform(0.1, 0.9)),
                FaultKind.CapacityDrop => new FaultSpec(kind, ProcessorTarget(r, resources), start, end, r.Uniform(0.1, 0.9)),
                FaultKind.EdgeCrash => new FaultSpec(kind, new FaultTarget("edge", r.Next(scenario.EdgeCount)), start, end),
                FaultKind.DeviceLeave => new FaultSpec(kind, new FaultTarget("device", r.Next(scenario.DeviceCount)), start, end),
                FaultKind.DeviceJoin => new FaultSpec(kind, new FaultTarget("device", r.Next(scenario.DeviceCount)), start, double.PositiveInfinity),
                FaultKind.LinkLoss => new FaultSpec(kind, LinkTarget(r, resources), start, end)
                {
                    Loss = new LossSpec(r.Uniform(0.2, 0.8), r.Uniform(0.005, 0.1), r.Next(4)),
                },
                _ => new FaultSpec(kind, new FaultTarget("cloud"), start, end),
            });
        }

        return new FaultPlan(faults, (index % 6) switch { < 2 => FaultResponse.Drop, < 4 => FaultResponse.Retry, _ => FaultResponse.Reroute });
    }

    private static FaultTarget LinkTarget(RandomStream r, IReadOnlyList<ResourceRef> resources)
    {
        var links = resources.Where(x => !x.IsCompute).ToArray();
        var pick = links[r.Next(links.Length)];

        // A whole kind now and then: every fiber link, every cell's radio.
        var whole = r.Next(5) == 0;
        return pick.Kind switch
        {
            ResourceKind.Wireless => whole ? new FaultTarget("radio") : new FaultTarget("radio", pick.A),
            ResourceKind.Transmitter => whole ? new FaultTarget("transmitter") : new FaultTarget("transmitter", pick.A),
            ResourceKind.Fiber => whole ? new FaultTarget("fiber") : new FaultTarget("fiber", pick.A, pick.B),
            ResourceKind.Backhaul => whole ? new FaultTarget("backhaul") : new FaultTarget("backhaul", pick.A),
            ResourceKind.Downlink => new FaultTarget("downlink", pick.A),
            _ => new FaultTarget("cloud-uplink", pick.A),
        };
    }

    private static FaultTarget ProcessorTarget(RandomStream r, IReadOnlyList<ResourceRef> resources)
    {
        var processors = resources.Where(x => x.IsCompute).ToArray();
        var pick = processors[r.Next(processors.Length)];
        return pick.Kind switch
        {
            ResourceKind.EdgeCompute => new FaultTarget("edge", pick.A),
            ResourceKind.DeviceCompute => new FaultTarget("device", pick.A),
            _ => new FaultTarget("cloud"),
        };
    }
}
