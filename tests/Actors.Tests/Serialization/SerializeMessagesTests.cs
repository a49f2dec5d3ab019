using Akka.Actor;
using Akka.TestKit.Xunit2;
using MecActors.Actors.Protocol;
using MecActors.Actors.Tests.Support;
using MecActors.Core.Decisions;
using MecActors.Policies;
using Xunit;
using Xunit.Abstractions;

namespace MecActors.Actors.Tests.Serialization;

/// <summary>With <c>serialize-messages = on</c> every local message is written and read back; the emulation must not notice.</summary>
public sealed class SerializeMessagesTests : TestKit
{
    public SerializeMessagesTests(ITestOutputHelper output)
        : base(SerializationSupport.SerializeMessages, output: output)
    {
    }

    [Fact]
    public void Local_messages_arrive_as_deserialized_copies()
    {
        Assert.True(Sys.Settings.SerializeAllMessages);
        var samples = new MessageSamples(CreateTestProbe("device").Ref, TestActor);
        var sent = samples.Build(typeof(MetricsCommands.RecordSlot));

        TestActor.Tell(sent);

        var received = ExpectMsg<MetricsCommands.RecordSlot>();
        Assert.NotSame(sent, received);
        Assert.Null(StructuralEquality.FirstDifference(sent, received));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public async Task Emulation_gives_the_same_records_with_every_message_serialized(int index)
    {
        var scenario = RandomScenarios.Draw(index);
        var system = new SystemView(scenario);
        var plain = ActorSystem.Create($"plain-{index}", SerializationSupport.Bound);
        try
        {
            var expected = await EmulationRunner.RunAsync(
                plain, system, PolicyCatalog.All.Create(Paper000Policies.GreedyName, system, scenario.Seed), scenario.Slots, scenario.Seed);

            var actual = await EmulationRunner.RunAsync(
                Sys, system, PolicyCatalog.All.Create(Paper000Policies.GreedyName, system, scenario.Seed), scenario.Slots, scenario.Seed);

            Assert.NotEmpty(expected.Records);
            Assert.Equal(expected.Name, actual.Name);
            Assert.Equal(expected.Slots, actual.Slots);
            Assert.Equal(expected.Records, actual.Records);
        }
        finally
        {
            await plain.Terminate();
        }
    }
}
