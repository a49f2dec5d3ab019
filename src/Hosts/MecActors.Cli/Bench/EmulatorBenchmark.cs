using System.Diagnostics;
using Akka.Actor;
using MecActors.Actors;
using MecActors.Core.Decisions;
using MecActors.Core.Metrics;
using MecActors.Core.Scenarios;
using MecActors.Policies;

namespace MecActors.Cli.Bench;

/// <summary>
/// One emulator run: its wall time from StartRun to RunCompleted (actor creation included), the process's processor
/// time over it, and what it did.
/// </summary>
internal sealed record EmulatorRun(double Seconds, double ProcessorSeconds, int Slots, int Tasks, long ExecutedTasks, long Messages, WaveTraffic Waves);

/// <summary>Times <see cref="EmulationRunner.RunAsync"/> with a fresh policy set each run, in a given actor system.</summary>
internal sealed class EmulatorBenchmark(ActorSystem actorSystem, ScenarioSpec scenario, string policy, int seed)
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(2);

    public EmulatorRun Run(int slots)
    {
        var system = new SystemView(scenario);
        var policies = PolicyCatalog.All.Create(policy, system, seed);
        Timing.Settle();
        var processor = Timing.ProcessorSeconds();
        var watch = Stopwatch.StartNew();
        var run = EmulationRunner.RunAsync(actorSystem, system, policies, slots, seed).GetAwaiter().GetResult();
        var seconds = watch.Elapsed.TotalSeconds;
        processor = Timing.ProcessorSeconds() - processor;
        WaitForRunActorsToStop(actorSystem);
        return Describe(run, seconds, processor);
    }

    /// <summary>What a run did, with its exact message count from <see cref="ProtocolMessageCount"/>.</summary>
    public EmulatorRun Describe(PolicyRun run, double seconds, double processorSeconds)
    {
        long executed = 0;
        foreach (var record in run.Records)
        {
            if (record.Ran)
            {
                executed++;
            }
        }

        var waves = run.Waves ?? throw new InvalidOperationException("the run did not count its wave messages");
        var messages = ProtocolMessageCount.ForRun(scenario.EdgeCount, scenario.DeviceCount, run.Slots, executed, waves);
        return new EmulatorRun(seconds, processorSeconds, run.Slots, run.Records.Count, executed, messages, waves);
    }

    /// <summary>
    /// The runner stops a finished run's coordinator, and with it every actor of the emulated system, without
    /// waiting for them; wait here so that stopping thousands of actors is not charged to the next timed section.
    /// </summary>
    internal static void WaitForRunActorsToStop(ActorSystem actorSystem)
    {
        if (actorSystem is not ExtendedActorSystem { Guardian: ActorRefWithCell guardian })
        {
            return;
        }

        var watch = Stopwatch.StartNew();
        while (guardian.Children.Any(IsRunActor))
        {
            if (watch.Elapsed > StopTimeout)
            {
                throw new TimeoutException($"the emulated system's actors did not stop within {StopTimeout.TotalSeconds} s");
            }

            Thread.Sleep(1);
        }
    }

    private static bool IsRunActor(IActorRef actor) =>
        actor.Path.Name.StartsWith("coordinator-", StringComparison.Ordinal)
        || actor.Path.Name.StartsWith("run-client-", StringComparison.Ordinal);
}
