using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Metrics;

namespace MecActors.Actors.Cluster;

/// <summary>
/// The submitter's side of one cluster run: submits it to the learning coordinator, watches the coordinator that
/// accepts it, and completes the run's task. When that coordinator stops without an outcome (the node hosting the
/// singleton died), the run is submitted again under a new id to the next singleton, with a fresh metrics actor:
/// the new coordinator emulates the slots of the run's last checkpoint again with their logged decisions and decides
/// the rest live (or, without a checkpoint, decides every slot again from the first); the run is deterministic, so the
/// records are those of an undisturbed run, and the records heard from the lost coordinator are discarded. Each
/// hand-over goes with the run's records (<see cref="PolicyRun.HandOvers"/>).
/// </summary>
internal sealed class ClusterRunClientActor : ReceiveActor, IWithTimers
{
    /// <summary>
    /// How long to wait for a coordinator to accept a submission before sending it again: the singleton proxy may still
    /// address the lost singleton until it has seen the new one. The learner ignores a run id it already runs.
    /// </summary>
    private static readonly TimeSpan SubmitRetry = TimeSpan.FromSeconds(3);

    private readonly ClusterRunCommands.SubmitRun _submission;
    private readonly IActorRef _learner;
    private readonly TaskCompletionSource<PolicyRun> _completion;
    private readonly Action<int, int>? _onSlotClosed;
    private readonly Action<LearnerHandOver>? _onHandOver;
    private readonly Stopwatch _lostFor = new();
    private readonly List<LearnerHandOver> _handOvers = new();
    private IActorRef _coordinator = ActorRefs.Nobody;
    private IActorRef _metrics = ActorRefs.Nobody;
    private int _attempt;
    private int _lastClosed;
    private int _lostAfterSlot;
    private bool _ended;

    public ClusterRunClientActor(
        ClusterRunCommands.SubmitRun submission,
        IActorRef learner,
        TaskCompletionSource<PolicyRun> completion,
        Action<int, int>? onSlotClosed,
        Action<LearnerHandOver>? onHandOver)
    {
        _submission = submission;
        _learner = learner;
        _completion = completion;
        _onSlotClosed = onSlotClosed;
        _onHandOver = onHandOver;
        Receive<SubmitTick>(_ => _learner.Tell(CurrentSubmission()));
        Receive<ClusterRunEvents.RunAccepted>(OnAccepted);
        Receive<SlotEvents.SlotClosed>(_ => Sender.Equals(_coordinator), OnSlotClosed);
        Receive<ClusterRunEvents.RunEnded>(_ => Sender.Equals(_coordinator), _ => { _ended = true; });
        Receive<RunEvents.RunCompleted>(_ => Sender.Equals(_metrics), OnCompleted);
        Receive<RunEvents.RunFailed>(_ => Sender.Equals(_coordinator) || _coordinator.IsNobody(), failed => { _completion.TrySetException(new InvalidOperationException(failed.Reason)); });
        Receive<Terminated>(OnCoordinatorStopped);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(
        ClusterRunCommands.SubmitRun submission,
        IActorRef learner,
        TaskCompletionSource<PolicyRun> completion,
        Action<int, int>? onSlotClosed,
        Action<LearnerHandOver>? onHandOver) =>
        Akka.Actor.Props.Create(() => new ClusterRunClientActor(submission, learner, completion, onSlotClosed, onHandOver));

    protected override void PreStart()
    {
        _lostFor.Start();
        Submit();
    }

    private string RunId => _attempt == 0 ? _submission.RunId : string.Create(CultureInfo.InvariantCulture, $"{_submission.RunId}-{_attempt}");

    private ClusterRunCommands.SubmitRun CurrentSubmission() => _submission with { RunId = RunId, Metrics = _metrics, ReplyTo = Self };

    private void Submit()
    {
        _metrics = Context.ActorOf(MetricsActor.Props(), $"metrics-{_attempt}");
        _learner.Tell(CurrentSubmission());
        Timers.StartPeriodicTimer(nameof(SubmitRetry), SubmitTick.Instance, SubmitRetry);
    }

    private void OnAccepted(ClusterRunEvents.RunAccepted accepted)
    {
        if (accepted.RunId != RunId || !_coordinator.IsNobody())
        {
            // A late answer to a submission already accepted or abandoned: that coordinator must not run.
            if (!Sender.Equals(_coordinator))
            {
                Sender.Tell(PoisonPill.Instance);
            }

            return;
        }

        Timers.Cancel(nameof(SubmitRetry));
        _coordinator = Sender;
        Context.Watch(_coordinator);
        if (_attempt > 0)
        {
            var handOver = new LearnerHandOver(_lostAfterSlot, accepted.CheckpointSlot, _lostFor.Elapsed, _coordinator.Path.Address.ToString(), accepted.NoCheckpoint);
            _handOvers.Add(handOver);
            _onHandOver?.Invoke(handOver);
        }
    }

    private void OnCompleted(RunEvents.RunCompleted done) =>
        _completion.TrySetResult(_handOvers.Count == 0 ? done.Run : done.Run with { HandOvers = _handOvers.ToArray() });

    private void OnSlotClosed(SlotEvents.SlotClosed closed)
    {
        _lastClosed = closed.Slot;
        _lostFor.Restart();
        _onSlotClosed?.Invoke(closed.Slot, closed.Slots);
    }

    /// <summary>
    /// The coordinator stopped before its outcome reached here: its node was lost. The hand-over time runs from the
    /// last slot it closed (at most a slot before the loss) to the next coordinator's acceptance.
    /// </summary>
    private void OnCoordinatorStopped(Terminated terminated)
    {
        if (!terminated.ActorRef.Equals(_coordinator) || _ended || _completion.Task.IsCompleted)
        {
            return;
        }

        _lostAfterSlot = _lastClosed;
        Context.Stop(_metrics);
        _coordinator = ActorRefs.Nobody;
        _attempt++;
        Submit();
    }

    private sealed class SubmitTick
    {
        public static readonly SubmitTick Instance = new();
    }
}
