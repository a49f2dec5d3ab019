using MecActors.Core.Emulation;

namespace MecActors.Core.Scenarios;

/// <summary>
/// What a scenario's experiment optimises, in terms of the records of finished tasks: a task's cost (the summary's
/// <c>objective</c> averages it over the tasks that ran) and a slot's reward, which a learner is paid for the slot's
/// decisions once every task decided in it has ended.
/// </summary>
public interface ISlotObjective
{
    /// <summary>The cost of a task that ran (completed or missed its deadline).</summary>
    double Cost(TaskRecord record);

    /// <summary>The reward of a slot from the records of its tasks (dropped ones included), in the observation's task order.</summary>
    double Reward(IReadOnlyList<TaskRecord> records);
}
