using System.Reflection;
using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Actors.Tests.Behaviour;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Metrics;
using MecActors.Core.Network;
using MecActors.Core.Scenarios;
using MecActors.Core.Workload;

namespace MecActors.Actors.Tests.Serialization;

/// <summary>
/// One populated instance of every message type: real scenario, plans, progress, records, feedback and runs
/// built from the Core types, with actor refs from the caller's probes. A message type added to the protocol
/// needs a sample here; <see cref="MessageTypes"/> finds them all so a test can tell.
/// </summary>
internal sealed class MessageSamples
{
    /// <summary>Devices in <see cref="Scenario"/>, enough for a wave of ten tasks on one link.</summary>
    public const int Devices = 10;

    private readonly Dictionary<Type, Func<object>> _builders = new();

    public MessageSamples(IActorRef device, IActorRef client)
    {
        Device = device;
        Client = client;

        // Tiny's two cells, joined by an explicit adjacency so the topology's nested lists travel too.
        Scenario = Tiny.Scenario(devices: Devices, slots: 4) with
        {
            Topology = new TopologySpec(TopologyKind.Adjacency, [new List<int> { 1 }, new List<int> { 0 }]),
        };
        System = new SystemView(Scenario);

        // Device 2 lives in cell 0; its task goes over the fiber to edge 1, which misses the model: a fetch,
        // a radio transfer, a fiber transfer and a compute.
        Request = Tiny.Request(Scenario, slot: 2, device: 2, Tiny.SmallModel, inputBits: 2.5e6);
        Plan = Tiny.Plan(System, Request, targetEdge: 1, exit: 2);
        DroppedPlan = new TaskPlan(Tiny.Request(Scenario, 2, 1, Tiny.LargeModel, 3e6), 0, 1, 0.7, false, [], DropReasons.ModelExceedsStorage);
        Progress = Tiny.ArrivedAt(Plan, ResourceRef.Fiber(0, 1), 1.375) with { TransmissionS = 0.0625, QueueingS = 0.125, DownloadS = 0.25 };
        Finished = Progress with { StageIndex = Plan.Route.Length, Time = 2.875, ComputeS = 0.5 };
        Completed = Finished.ToRecord();
        Dropped = DroppedPlan.DroppedRecord();
        Status = new EdgeStatus(1, Tiny.CapacityHz, 2, Tiny.StorageBytes, 0.75, [true, false]);
        Observation = new SlotObservation(
            2, 1.0, [Request, DroppedPlan.Request], [Tiny.Status(Scenario, 0, Tiny.LargeModel), Status], System);
        Feedback = new SlotFeedback(2, Observation, [new OffloadDecision(1, 2), new OffloadDecision(0, 1)], [Completed, Dropped]);
        Run = new PolicyRun("greedy", 4, [Dropped, Completed]) { Waves = new WaveTraffic(12, 9, 12, 4, 4) };
        Downloads = [new ModelDownload(1, Tiny.SmallModel, 2, 40e6, 1.0, 2), new ModelDownload(0, Tiny.LargeModel, 2, 80e6, 1.0, 1)];
        Role = new WaveRole(ResourceRef.Backhaul(1), 2, [ResourceRef.Wireless(1)], [ResourceRef.Wireless(1)], [ResourceRef.EdgeCompute(1)], [ResourceRef.EdgeCompute(1)], Downloads, 3);

        Add(() => new SlotCommands.BeginSlot(2, [0.625, 0.375]));
        Add(() => new SlotCommands.ReportStatus(2, 1.0));
        Add(() => new SlotCommands.OpenWave(5, 2, 2.0, Role, true));
        Add(() => new SlotCommands.NextPass(5, 2));
        Add(() => new SlotCommands.CommitWave(5));
        Add(() => new SlotCommands.PlaceModels(3, [false, true]));
        Add(() => new SlotEvents.TaskGenerated(2, Request.Device, [Request, Request with { TaskId = Request.TaskId + 1, ArrivalOffset = 0.25, ReleaseTime = Request.ReleaseTime + 0.25, MinAccuracy = 0.7 }]));
        Add(() => new SlotEvents.EdgeStatusReported(2, Status));
        Add(() => new SlotEvents.HorizonReached(5, ResourceRef.Fiber(0, 1), 2, 3, true, new QueueReport(2.25, 3, 2, [new LeavingStep(2, 2), new LeavingStep(3, 1)])));
        Add(() => new SlotEvents.SlotClosed(2, 4));
        Add(() => new SlotEvents.TasksEnded(2, [Completed with { Stages = [new StageSpan(ResourceRef.Wireless(0), 1.0, 1.25), new StageSpan(ResourceRef.EdgeCompute(1), 1.25, 1.75)] }]));
        Add(() => new RunCommands.StartRun(4, Client));
        Add(() => new RunEvents.RunCompleted(Run));
        Add(() => new RunEvents.RunFailed("slot 3: the policy cannot decide"));
        Add(() => new TaskCommands.Execute(Plan));
        Add(() => new TaskCommands.Enter(TaskProgress.Start(Plan)));
        Add(() => TransitBatch(3));
        Add(() => new TaskEvents.TaskFinished(Finished));
        Add(() => new TaskEvents.TaskReported(Completed));
        Add(() => new MetricsCommands.RecordSlot(2, Feedback.Records));
        Add(() => new CellCommands.Envelope("run-1", 2, 1, new CellCommands.Build(Scenario, 7, Client, 5)));
        Add(() => new CellCommands.Build(Scenario, 7, Client, 5));
        Add(() => CellCommands.HandOff.Instance);
        Add(() => new CellEvents.Leaving(1));
        Add(() => new CellCommands.Connect([Device, Client]));
        Add(() => new CellCommands.Relay([new RelayedBatch(ResourceRef.Fiber(1, 0), TransitBatch(2)), new RelayedBatch(ResourceRef.EdgeCompute(1), TransitBatch(0))]));
        Add(() => new CellCommands.Deliver(new RelayedBatch(ResourceRef.EdgeCompute(1), TransitBatch(2))));
        Add(() => new CellCommands.ToDevice(2, new TaskEvents.TaskFinished(Finished)));
        Add(() => new CellCommands.BeginSlot(2, 1.0, [0.625, 0.375], [false, true]));
        Add(() => new CellCommands.OpenWave(5, 2, 2.0, [Plan], [Role], true));
        Add(() => new CellCommands.NextPass(5, 3));
        Add(() => new CellCommands.CommitWave(5));
        Add(() => CellCommands.Retire.Instance);
        Add(() => new CellEvents.Built(1));
        Add(() => new CellEvents.Connected(1));
        Add(() => new CellEvents.Gathered(2, [new SlotEvents.TaskGenerated(2, Request.Device, [Request]), new SlotEvents.TaskGenerated(2, 4, [])], Status));
        Add(() => new CellEvents.WaveDone(5, 1, 2, 3, true, [Completed, Dropped], [new ResourceQueueReport(ResourceRef.EdgeCompute(1), new QueueReport(2.25, 1, 2, [new LeavingStep(2, 1)]))]));
        Add(() => new CellEvents.TasksReported([Completed]));
        Add(() => new ClusterRunCommands.SubmitRun("run-1", Scenario, "greedy", 4, 7, [1, 2, 3], Device, Client, true, 25, "checkpoints/run-1/learner.checkpoint"));
        Add(() => new ClusterRunEvents.RunAccepted("run-1", 25, "no checkpoint yet"));
        Add(() => new ClusterRunEvents.RunEnded("run-1"));
        Add(() => new MetricsCommands.Complete("greedy", 4, Client, Run.Waves));
    }

    public IActorRef Device { get; }

    public IActorRef Client { get; }

    public ScenarioSpec Scenario { get; }

    public SystemView System { get; }

    public TaskRequest Request { get; }

    /// <summary>A miss at a remote edge: fetch, radio, fiber, compute.</summary>
    public TaskPlan Plan { get; }

    public TaskPlan DroppedPlan { get; }

    /// <summary><see cref="Plan"/>'s task as it reaches the fiber, with delays accumulated.</summary>
    public TaskProgress Progress { get; }

    public TaskProgress Finished { get; }

    public TaskRecord Completed { get; }

    public TaskRecord Dropped { get; }

    public EdgeStatus Status { get; }

    public SlotObservation Observation { get; }

    public SlotFeedback Feedback { get; }

    public PolicyRun Run { get; }

    public ModelDownload[] Downloads { get; }

    /// <summary>A backhaul's part in a cyclic wave, every field set.</summary>
    public WaveRole Role { get; }

    /// <summary>The message types that have a sample.</summary>
    public IReadOnlyCollection<Type> Covered => _builders.Keys;

    /// <summary>Every concrete type of the actors' assembly that implements <see cref="IMecMessage"/>, nested and non-public ones included.</summary>
    public static IReadOnlyList<Type> MessageTypes() =>
        typeof(IMecMessage).Assembly.GetTypes()
            .Where(t => typeof(IMecMessage).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToArray();

    public object Build(Type messageType) =>
        _builders.TryGetValue(messageType, out var build)
            ? build()
            : throw new InvalidOperationException($"no sample for message type {messageType.FullName}: add one to {nameof(MessageSamples)}");

    /// <summary>A wave of <paramref name="tasks"/> tasks leaving the fiber from cell 0 for edge 1, each with its own plan, and a download.</summary>
    public TaskCommands.TransitBatch TransitBatch(int tasks)
    {
        var transits = new TaskProgress[tasks];
        for (var i = 0; i < tasks; i++)
        {
            // Round robin: the even devices live in cell 0; past five tasks, the wave reaches into the next slot.
            var cellDevices = Devices / 2;
            var request = Tiny.Request(Scenario, 2 + i / cellDevices, 2 * (i % cellDevices), i % 2 == 0 ? Tiny.SmallModel : Tiny.LargeModel, 1e6 + i * 0.25e6);
            int[] cached = i % 3 == 0 ? [request.ModelId] : [];
            var plan = Tiny.Plan(System, request, targetEdge: 1, exit: 1, cached);
            var progress = Tiny.ArrivedAt(plan, ResourceRef.EdgeCompute(1), request.ReleaseTime + 0.5 + i * 0.0625) with
            {
                TransmissionS = 0.0625 * (i + 1),
                QueueingS = 0.03125 * i,
            };
            transits[i] = progress;
        }

        return new TaskCommands.TransitBatch(5, 1, ResourceRef.Fiber(0, 1), transits, [new ModelArrival(Tiny.SmallModel, 2, 1.4, 2)]);
    }

    /// <summary>The properties declared by the message's own record whose value is null, zero, false or an empty collection.</summary>
    public static IEnumerable<string> UnpopulatedProperties(object message)
    {
        foreach (var property in message.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly))
        {
            if (property.Name == "EqualityContract" || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var value = property.GetValue(message);
            var empty = value switch
            {
                null => true,
                string s => s.Length == 0,
                Array a => a.Length == 0,
                System.Collections.ICollection c => c.Count == 0,
                _ => value.GetType().IsValueType && value.Equals(Activator.CreateInstance(value.GetType())),
            };
            if (empty)
            {
                yield return property.Name;
            }
        }
    }

    private void Add<T>(Func<T> build)
        where T : class, IMecMessage =>
        _builders.Add(typeof(T), build);
}
