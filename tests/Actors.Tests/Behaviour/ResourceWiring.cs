using Akka.Actor;
using Akka.TestKit;
using MecActors.Actors.Protocol;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;

namespace MecActors.Actors.Tests.Behaviour;

/// <summary>
/// A directory in which the resources under test are real <see cref="ResourceActor"/>s and everything around them
/// (other resources, every device, the coordinator) is a probe.
/// </summary>
internal sealed class ResourceWiring
{
    private readonly TestKitBase _kit;
    private readonly SystemView _system;
    private readonly TestProbe[] _devices;

    public ResourceWiring(TestKitBase kit, SystemView system)
    {
        _kit = kit;
        _system = system;
        Directory = new LocalDirectory(system.Scenario.DeviceCount);
        Coordinator = kit.CreateTestProbe();
        _devices = new TestProbe[system.Scenario.DeviceCount];
        for (var u = 0; u < _devices.Length; u++)
        {
            _devices[u] = kit.CreateTestProbe();
            Directory.AddDevice(u, _devices[u].Ref);
        }
    }

    public LocalDirectory Directory { get; }

    public TestProbe Coordinator { get; }

    public TestProbe Device(int device) => _devices[device];

    /// <summary>A probe standing in for <paramref name="resource"/>.</summary>
    public TestProbe Probe(ResourceRef resource)
    {
        var probe = _kit.CreateTestProbe();
        Directory.Add(resource, probe.Ref);
        return probe;
    }

    /// <summary>The real actor of <paramref name="resource"/>.</summary>
    public IActorRef Spawn(ResourceRef resource)
    {
        var actor = _kit.Sys.ActorOf(ResourceActor.Props(_system, resource, Directory, Coordinator.Ref));
        Directory.Add(resource, actor);
        return actor;
    }

    /// <summary>The next batch at <paramref name="downstream"/>, which must come from <paramref name="from"/> in the given wave and pass.</summary>
    public static TaskCommands.TransitBatch ExpectBatch(TestProbe downstream, long wave, ResourceRef from, int pass = 1) =>
        downstream.ExpectMsg<TaskCommands.TransitBatch>(b => b.Wave == wave && b.Pass == pass && b.From == from);

    /// <summary>The next report of one resource, which must be <paramref name="resource"/>'s for the given wave and pass.</summary>
    public SlotEvents.HorizonReached ExpectHorizon(long wave, ResourceRef resource, int pass = 1) =>
        Coordinator.ExpectMsg<SlotEvents.HorizonReached>(h => h.Wave == wave && h.Resource == resource && h.Pass == pass);

    /// <summary>Reports from resources that run in parallel, in whatever order they come.</summary>
    public Dictionary<ResourceRef, SlotEvents.HorizonReached> ExpectHorizons(int count)
    {
        var horizons = new Dictionary<ResourceRef, SlotEvents.HorizonReached>();
        for (var i = 0; i < count; i++)
        {
            var h = Coordinator.ExpectMsg<SlotEvents.HorizonReached>();
            horizons.Add(h.Resource, h);
        }

        return horizons;
    }

    public static TaskProgress Find(TaskCommands.TransitBatch batch, long taskId) => batch.Tasks.Single(t => t.TaskId == taskId);
}
