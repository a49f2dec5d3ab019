using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using MecActors.Actors.Cluster;
using MecActors.Core.Metrics;
using MecActors.Core.Scenarios;

namespace MecActors.Cli.Bench;

/// <summary>The figures of the scale benchmark on a running cluster, with the raw remote rate measured in the same run.</summary>
internal sealed record ClusterScaleResult(
    string Scenario,
    string Policy,
    int Seed,
    int Repeat,
    string SeedNode,
    int Workers,
    int Devices,
    int Edges,
    int Slots,
    int Tasks,
    long ExecutedTasks,
    double RunSecondsMedian,
    double SetupSecondsMedian,
    double SlotsPerSecond,
    double TasksPerSecond,
    long ProtocolMessagesPerRun,
    double ProtocolMessagesPerSecond,
    long CellMessagesPerRun,
    long RemoteRoundTrips,
    double RemoteMessagesPerSecond,
    double MessageRateRatio,
    long SubmitterPeakWorkingSet,
    IReadOnlyList<string> Warnings);

/// <summary>
/// The cluster half of the scale benchmark (<c>mec bench --scale --cluster SEED</c>): joins the running cluster as a
/// submitter, runs the scaled scenario there (a warm-up, then <c>repeat</c> rounds of a timed run and a setup run of
/// 0 slots), and measures raw Akka remoting in the same run: pipelined Identify / ActorIdentity round trips to an
/// actor on every worker, with no emulator code on the path.
/// </summary>
internal sealed class ClusterScaleSuite(ScenarioSpec scenario, ScaleSettings settings, int seed, string seedNode, BenchAkkaConfig akka, TextWriter progress)
{
    private const int RoundTripsInFlightPerWorker = 500;
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);

    public ClusterScaleResult Run() => RunAsync().GetAwaiter().GetResult();

    private async Task<ClusterScaleResult> RunAsync()
    {
        var sized = ScaleScenario.Build(scenario, settings.Devices, settings.Edges);
        var config = MecClusterConfig.For("127.0.0.1", 0, [seedNode], [MecCluster.SubmitterRole]).WithFallback(akka.Config);
        var system = ActorSystem.Create(MecClusterConfig.SystemName, config);
        var warnings = new List<string>();
        try
        {
            await MecCluster.WhenUp(system, JoinTimeout).ConfigureAwait(false);
            var workers = Cluster.Get(system).State.Members
                .Where(m => m.Status == MemberStatus.Up && m.HasRole(MecCluster.WorkerRole))
                .Select(m => m.Address)
                .ToList();
            var learner = MecCluster.LearnerProxy(system);
            var timeout = TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(settings.Slots * Math.Max(1.0, settings.Devices / 1000.0));

            async Task<(double Seconds, Core.Metrics.PolicyRun Run)> Timed(int slots)
            {
                Timing.Settle();
                var watch = Stopwatch.StartNew();
                var run = await ClusterRunner.RunAsync(system, learner, sized, settings.Policy, null, slots, seed, timeout).ConfigureAwait(false);
                return (watch.Elapsed.TotalSeconds, run);
            }

            progress.WriteLine($"cluster of {workers.Count} workers: U = {settings.Devices}, N = {settings.Edges}: warm-up (1 slot)");
            await Timed(1).ConfigureAwait(false);
            var runs = new List<double>();
            var setups = new List<double>();
            Core.Metrics.PolicyRun? first = null;
            for (var r = 1; r <= settings.Repeat; r++)
            {
                progress.WriteLine($"cluster: repeat {r}/{settings.Repeat}, {settings.Slots} slots");
                var (seconds, run) = await Timed(settings.Slots).ConfigureAwait(false);
                runs.Add(seconds);
                if (first is null)
                {
                    first = run;
                }
                else if (run.Records.Count != first.Records.Count)
                {
                    warnings.Add("the task counts changed between runs of the same seed");
                }

                setups.Add((await Timed(0).ConfigureAwait(false)).Seconds);
            }

            progress.WriteLine($"cluster: raw remote round trips to {workers.Count} workers");
            var targets = await Task.WhenAll(workers.Select(a =>
                system.ActorSelection(new RootActorPath(a) / "user" / MecCluster.LearnerName).ResolveOne(TimeSpan.FromSeconds(10)))).ConfigureAwait(false);
            var roundTrips = RoundTripsFor(first!, sized);
            await RemoteRoundTrips(system, targets, Math.Min(roundTrips, 10_000)).ConfigureAwait(false);
            var remote = new List<double>();
            for (var r = 1; r <= settings.Repeat; r++)
            {
                remote.Add(await RemoteRoundTrips(system, targets, roundTrips).ConfigureAwait(false));
            }

            var executed = first!.Records.LongCount(x => x.Ran);
            var runSeconds = Timing.Median(runs);
            var setupSeconds = Timing.Median(setups);
            var slotSeconds = Math.Max(runSeconds - setupSeconds, 1e-9);
            var waves = first.Waves ?? throw new InvalidOperationException("the cluster run did not count its wave messages");
            var protocol = ProtocolMessageCount.ForRun(sized.EdgeCount, sized.DeviceCount, settings.Slots, executed, waves)
                - ProtocolMessageCount.ForRun(sized.EdgeCount, sized.DeviceCount, 0, 0, new WaveTraffic(0, 0, 0, 0, 0));
            var cellMessages = 4L * sized.EdgeCount * settings.Slots;
            var protocolRate = protocol / slotSeconds;
            var remoteRate = Timing.Median(remote);
            using var self = Process.GetCurrentProcess();
            return new ClusterScaleResult(
                scenario.Name,
                settings.Policy,
                seed,
                settings.Repeat,
                seedNode,
                workers.Count,
                settings.Devices,
                settings.Edges,
                settings.Slots,
                first.Records.Count,
                executed,
                runSeconds,
                setupSeconds,
                settings.Slots / slotSeconds,
                first.Records.Count / slotSeconds,
                protocol,
                protocolRate,
                cellMessages,
                roundTrips,
                remoteRate,
                protocolRate / remoteRate,
                self.PeakWorkingSet64,
                warnings);
        }
        finally
        {
            await Cluster.Get(system).LeaveAsync().WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        }
    }

    /// <summary>As many round trips as the cross-node messages of a timed run, bounded to keep the measurement short.</summary>
    private static int RoundTripsFor(Core.Metrics.PolicyRun run, ScenarioSpec sized) =>
        (int)Math.Clamp((long)run.Slots * sized.EdgeCount * 8, 20_000, 200_000);

    /// <summary>Remote messages per second (both directions) of <paramref name="count"/> Identify round trips, pipelined.</summary>
    private static async Task<double> RemoteRoundTrips(ActorSystem system, IActorRef[] targets, int count)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pinger = system.ActorOf(Props.Create(() => new Pinger(targets, count, RoundTripsInFlightPerWorker, done)));
        var watch = Stopwatch.StartNew();
        pinger.Tell(Pinger.Start.Instance);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        var seconds = watch.Elapsed.TotalSeconds;
        system.Stop(pinger);
        return 2.0 * count / seconds;
    }

    /// <summary>Keeps a window of Identify messages in flight to each target and counts the replies.</summary>
    private sealed class Pinger : ReceiveActor
    {
        public Pinger(IActorRef[] targets, int count, int window, TaskCompletionSource done)
        {
            var sent = 0;
            var received = 0;
            Receive<Start>(_ =>
            {
                foreach (var target in targets)
                {
                    for (var i = 0; i < window && sent < count; i++)
                    {
                        target.Tell(new Identify(sent++));
                    }
                }
            });
            Receive<ActorIdentity>(_ =>
            {
                received++;
                if (sent < count)
                {
                    Sender.Tell(new Identify(sent++));
                }
                else if (received == count)
                {
                    done.TrySetResult();
                }
            });
        }

        public sealed class Start
        {
            public static readonly Start Instance = new();
        }
    }
}
