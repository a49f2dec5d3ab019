using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;
using Xunit;

namespace MecActors.Core.Tests.Scenarios;

public sealed class ObjectiveSpecTests
{
    private static readonly ObjectiveSpec Paper = new(1.0, 3.0);

    private static TaskRecord Record(long id, double delayS, double accuracy, TaskOutcome outcome) =>
        new(id, 1, (int)id, 0, 0, 0, 1, accuracy, true, 0.5, 0.5 + delayS, 0, 0, 0, delayS, outcome, outcome == TaskOutcome.Dropped ? "deadline" : "");

    [Fact]
    public void A_task_costs_alpha_times_its_delay_less_beta_times_its_accuracy()
    {
        Assert.Equal((1.0 * 0.25) - (3.0 * 0.5), Paper.Cost(Record(1, 0.25, 0.5, TaskOutcome.Completed)));
    }

    [Fact]
    public void The_slot_reward_is_minus_the_mean_cost_of_the_tasks_that_ran()
    {
        TaskRecord[] records =
        [
            Record(1, 0.25, 0.5, TaskOutcome.Completed),        // cost 0.25 - 1.5 = -1.25
            Record(2, 0.75, 0.25, TaskOutcome.MissedDeadline),  // cost 0.75 - 0.75 = 0
            Record(3, 2.0, 0.0, TaskOutcome.Dropped),           // not counted
            Record(4, 0.5, 0.875, TaskOutcome.Completed),       // cost 0.5 - 2.625 = -2.125
        ];

        // R(t) = -(1/U) sum [alpha D_u - beta Acc_u] over the three that ran: -(-1.25 + 0 - 2.125) / 3.
        Assert.Equal(1.125, Paper.Reward(records), 15);
    }

    [Fact]
    public void A_slot_in_which_nothing_ran_earns_nothing()
    {
        Assert.Equal(0.0, Paper.Reward([]));
        Assert.Equal(0.0, Paper.Reward([Record(1, 1.0, 0.0, TaskOutcome.Dropped)]));
    }
}
