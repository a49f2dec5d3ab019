using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;
using MecActors.Policies;

namespace MecActors.Cli.Bench;

/// <summary>One run of the sequential reference model: its wall time, the process's processor time over it, and how many tasks it emulated.</summary>
internal sealed record ReferenceRun(double Seconds, double ProcessorSeconds, int Tasks, long ExecutedTasks);

/// <summary>Times <see cref="ReferenceModel.Run(SystemView, PolicySet, int, int)"/>: the same slots with no messaging.</summary>
internal sealed class ReferenceBenchmark(ScenarioSpec scenario, string policy, int seed)
{
    public ReferenceRun Run(int slots)
    {
        var system = new SystemView(scenario);
        var policies = PolicyCatalog.All.Create(policy, system, seed);
        Timing.Settle();
        Core.Metrics.PolicyRun? run = null;
        var processor = Timing.ProcessorSeconds();
        var seconds = Timing.Seconds(() => run = ReferenceModel.Run(system, policies, slots, seed));
        processor = Timing.ProcessorSeconds() - processor;
        return new ReferenceRun(seconds, processor, run!.Records.Count, run.Records.LongCount(r => r.Ran));
    }
}
