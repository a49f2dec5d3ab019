using Xunit;

namespace MecActors.Actors.Tests;

public sealed class FiberActivityTests
{
    [Fact]
    public void A_path_takes_part_while_a_task_routed_through_it_is_in_flight()
    {
        var fibers = new FiberActivity(3);
        Assert.Equal(6, fibers.PathCount);
        Assert.Equal(0, fibers.ActiveCount);

        fibers.Released(0, 2);
        fibers.Released(0, 2);
        fibers.Released(1, 2);
        fibers.Released(1, 1);

        Assert.Equal(2, fibers.ActiveCount);
        Assert.Equal([2], fibers.ActiveFrom(0));
        Assert.Equal([0, 1], fibers.ActiveInto(2));
        Assert.Empty(fibers.ActiveFrom(2));

        fibers.Ended(0, 2);
        Assert.Equal([2], fibers.ActiveFrom(0));
        fibers.Ended(0, 2);
        fibers.Ended(1, 1);
        Assert.Empty(fibers.ActiveFrom(0));
        Assert.Equal([1], fibers.ActiveInto(2));
        Assert.Equal(1, fibers.ActiveCount);
    }

    [Fact]
    public void Ending_a_task_that_was_never_released_is_an_error()
    {
        var fibers = new FiberActivity(2);

        Assert.Throws<InvalidOperationException>(() => fibers.Ended(0, 1));
    }
}
