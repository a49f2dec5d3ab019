using Akka.Actor;
using MecActors.Core.Scenarios;

namespace MecActors.Cli.Bench;

/// <summary>The messages of one run counted at the mailboxes, against <see cref="ProtocolMessageCount"/>.</summary>
internal sealed record MessageCountCheckResult(long Counted, long Expected, IReadOnlyList<string> Differences)
{
    public bool Matches => Differences.Count == 0;
}

/// <summary>
/// Checks the message formula against a real run: the emulator runs once, untimed, in its own actor system whose
/// default mailbox counts every protocol message enqueued, and the counts are compared type by type.
/// </summary>
internal static class MessageCountCheck
{
    public static MessageCountCheckResult Run(BenchAkkaConfig akka, ScenarioSpec scenario, string policy, int seed, int slots)
    {
        var actorSystem = ActorSystem.Create("mec-bench-count", akka.With(CountingMailbox.DefaultMailboxHocon));
        try
        {
            var tally = MessageTally.Of(actorSystem);
            tally.Reset();
            var run = new EmulatorBenchmark(actorSystem, scenario, policy, seed).Run(slots);
            var counted = tally.Snapshot();
            var expected = ProtocolMessageCount.Breakdown(scenario.EdgeCount, scenario.DeviceCount, slots, run.ExecutedTasks, run.Waves);
            var differences = new List<string>();
            foreach (var name in counted.Keys.Union(expected.Keys).Order(StringComparer.Ordinal))
            {
                var have = counted.GetValueOrDefault(name);
                var want = expected.GetValueOrDefault(name);
                if (have != want)
                {
                    differences.Add($"{name}: counted {have}, formula {want}");
                }
            }

            return new MessageCountCheckResult(counted.Values.Sum(), expected.Values.Sum(), differences);
        }
        finally
        {
            actorSystem.Terminate().GetAwaiter().GetResult();
        }
    }
}
