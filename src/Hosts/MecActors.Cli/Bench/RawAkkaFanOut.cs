using System.Diagnostics;
using Akka.Actor;

namespace MecActors.Cli.Bench;

/// <summary>One raw fan-out run: wall time and messages moved (a request and a reply per worker per round).</summary>
internal sealed record RawRun(double Seconds, int Rounds, long Messages);

/// <summary>
/// The plain Akka baseline for the emulator's message rate: a coordinator sends one small message to each of
/// U workers and waits for all U replies, round after round. The actors are created once and reused by every
/// run, so runs time message passing only.
/// </summary>
internal sealed class RawAkkaFanOut : IDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(1);
    private readonly IActorRef _coordinator;

    public RawAkkaFanOut(ActorSystem actorSystem, int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        Workers = workers;
        _coordinator = actorSystem.ActorOf(Props.Create(() => new FanOutCoordinator(workers)), $"fan-out-{Guid.NewGuid():N}");
    }

    public int Workers { get; }

    /// <summary>The number of rounds that moves about <paramref name="messages"/> messages (at least one).</summary>
    public int RoundsFor(long messages) => (int)Math.Clamp(Math.Round(messages / (2.0 * Workers)), 1, int.MaxValue);

    public RawRun Run(int rounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Timing.Settle();
        var watch = Stopwatch.StartNew();
        _coordinator.Tell(new FanOutStart(rounds, done));
        done.Task.GetAwaiter().GetResult();
        var seconds = watch.Elapsed.TotalSeconds;
        return new RawRun(seconds, rounds, 2L * Workers * rounds);
    }

    public void Dispose() => _coordinator.GracefulStop(StopTimeout).GetAwaiter().GetResult();

    private sealed record FanOutStart(int Rounds, TaskCompletionSource Done);

    private sealed record Ping(int Round);

    private sealed record Pong(int Round);

    private sealed class FanOutCoordinator : ReceiveActor
    {
        private readonly int _count;
        private IActorRef[] _workers = [];
        private FanOutStart? _run;
        private int _round;
        private int _awaited;

        public FanOutCoordinator(int workers)
        {
            _count = workers;
            Receive<FanOutStart>(OnStart);
            Receive<Pong>(_ => OnPong());
        }

        protected override void PreStart()
        {
            _workers = new IActorRef[_count];
            for (var i = 0; i < _count; i++)
            {
                _workers[i] = Context.ActorOf(Props.Create(() => new FanOutWorker()), $"worker-{i}");
            }
        }

        private void OnStart(FanOutStart start)
        {
            _run = start;
            _round = 0;
            Broadcast();
        }

        private void OnPong()
        {
            if (--_awaited > 0)
            {
                return;
            }

            if (++_round == _run!.Rounds)
            {
                _run.Done.TrySetResult();
                return;
            }

            Broadcast();
        }

        private void Broadcast()
        {
            _awaited = _workers.Length;
            var ping = new Ping(_round);
            foreach (var worker in _workers)
            {
                worker.Tell(ping);
            }
        }
    }

    private sealed class FanOutWorker : ReceiveActor
    {
        public FanOutWorker()
        {
            Receive<Ping>(ping => Sender.Tell(new Pong(ping.Round)));
        }
    }
}
