using System.Globalization;
using MecActors.Core.Configuration;
using MecActors.Core.Decisions;
using MecActors.Core.Scenarios;

namespace MecActors.Policies.Tests.EarlyExitOffloading;

/// <summary>Small systems of paper 002's shape in HOCON: two server kinds, three exits, drawn rates, device FIFO uploads.</summary>
internal static class EarlyExitScenarios
{
    public static string Text(int devices, double slotMs = 4, bool dynamics = false, int slots = 30, double inputMaxMb = 0.03) => string.Create(CultureInfo.InvariantCulture, $$"""
        name = early-exit-test
        paper = "002"
        slot-ms = {{slotMs}}
        slots = {{slots}}
        seed = 3
        edges { count = 2, capacity-ghz = 1, storage-gb = 1, cores = 1, bandwidth-mhz = 1 }
        topology { kind = line }
        devices { count = {{devices}}, assignment = round-robin }
        network { fiber-gbps = 10000, backhaul-gbps = 10 }
        radio { tx-power-w = 0.2, noise-dbm-per-hz = -174, rate-mbps = [20, 100] }
        models {
          types = [ { name = net, size-mb = 100, result-kb = 0, blocks = [
            { gigacycles = 0.0004, accuracy = 0.8 }
            { gigacycles = 0.0004, accuracy = 0.88 }
            { gigacycles = 0.0006, accuracy = 0.93 } ] } ]
        }
        early-exit {
          servers = [fast, slow]
          exit-ms { fast = [0.4, 0.8, 1.4], slow = [0.8, 1.5, 2.6] }
        }
        workload {
          task-probability = 1
          input-mb = [0.01, {{inputMaxMb}}]
          zipf-exponent = 0
          popularity-learning-rate = 0
          popularity-noise = 0
          deadline-ms = 5
        }
        {{(dynamics ? "dynamics { edge-availability = [0.25, 1.0] }" : "")}}
        objective { alpha-per-s = 1, beta = 1 }
        caching { window-slots = 1 }
        disciplines { wireless = device-fifo, fiber = dedicated, backhaul = fifo, edge = fifo }
        policies = [exhaustive]
        """);

    public static SystemView System(int devices, double slotMs = 4, bool dynamics = false, int slots = 30, double inputMaxMb = 0.03) =>
        new(ScenarioLoader.FromConfig(HoconParser.ParseText(Text(devices, slotMs, dynamics, slots, inputMaxMb)), PolicyCatalog.All));
}
