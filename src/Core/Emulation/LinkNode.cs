using MecActors.Core.Decisions;
using MecActors.Core.Queueing;

namespace MecActors.Core.Emulation;

/// <summary>A link carrying task inputs: a station plus the tasks in it. Thin actors and the reference model both drive it.</summary>
public sealed class LinkNode
{
    private readonly IStation _station;
    private readonly Dictionary<long, TaskProgress> _inFlight = new();
    private readonly List<Departure> _departures = new();

    public LinkNode(SystemView system, ResourceRef resource)
    {
        Resource = resource;
        _station = StationFactory.Create(system, resource);
    }

    public ResourceRef Resource { get; }

    public int Pending => _inFlight.Count;

    public void Arrive(TaskProgress task)
    {
        _inFlight.Add(task.TaskId, task);
        _station.Arrive(new Job(task.TaskId, task.Time, task.CurrentStage().CapacityWork, task.Slot));
    }

    /// <summary>Finalises what the horizon allows; each leaving task is advanced to its next stage.</summary>
    public void Advance(double horizon, List<TaskProgress> output)
    {
        _departures.Clear();
        _station.Advance(horizon, _departures);
        foreach (var d in _departures)
        {
            var task = _inFlight[d.Id];
            _inFlight.Remove(d.Id);
            output.Add(task with
            {
                StageIndex = task.StageIndex + 1,
                Time = d.End,
                TransmissionS = task.TransmissionS + d.Service,
                QueueingS = task.QueueingS + d.Waiting,
            });
        }
    }
}
