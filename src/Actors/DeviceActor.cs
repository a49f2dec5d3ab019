using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Scenarios;
using MecActors.Core.Workload;

namespace MecActors.Actors;

/// <summary>
/// A user device: generates its task each slot from its own random stream, sends it into the first resource of
/// its route when told where it runs, and reports how it ended.
/// </summary>
public sealed class DeviceActor : ReceiveActor
{
    private readonly DeviceWorkload _workload;
    private readonly ResourceDirectory _directory;
    private readonly IActorRef _coordinator;
    private readonly Core.Faults.FaultPlan _faults;

    /// <param name="firstSlot">The first slot it will be asked for: 1, or later for a device rebuilt mid-run (its stream moves on past the earlier slots).</param>
    public DeviceActor(ScenarioSpec scenario, int device, int seed, ResourceDirectory directory, IActorRef coordinator, int firstSlot = 1)
    {
        _workload = new DeviceWorkload(scenario, device, seed);
        _workload.Skip(firstSlot - 1);
        _directory = directory;
        _coordinator = coordinator;
        _faults = scenario.Faults;
        Receive<SlotCommands.BeginSlot>(OnBeginSlot);
        Receive<TaskCommands.Execute>(OnExecute);
        Receive<TaskEvents.TaskFinished>(OnTaskFinished);
    }

    public static Props Props(ScenarioSpec scenario, int device, int seed, ResourceDirectory directory, IActorRef coordinator, int firstSlot = 1) =>
        Akka.Actor.Props.Create(() => new DeviceActor(scenario, device, seed, directory, coordinator, firstSlot));

    /// <summary>The name of device <paramref name="device"/>'s actor.</summary>
    public static string NameOf(int device) => $"device-{device}";

    private void OnBeginSlot(SlotCommands.BeginSlot begin) =>
        _coordinator.Tell(new SlotEvents.TaskGenerated(begin.Slot, _workload.Device, _workload.Generate(begin.Slot, begin.Popularity)));

    private void OnExecute(TaskCommands.Execute execute) =>
        _directory.ToResource(execute.Plan.Entry, new TaskCommands.Enter(Core.Emulation.TaskProgress.Start(execute.Plan)), Self);

    private void OnTaskFinished(TaskEvents.TaskFinished finished) =>
        _coordinator.Tell(new TaskEvents.TaskReported(_faults.Settle(finished.Task.ToRecord())));
}
