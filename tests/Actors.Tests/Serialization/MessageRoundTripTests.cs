using Akka.Actor;
using MecActors.Core.Decisions;
using Akka.TestKit.Xunit2;
using MecActors.Actors.Protocol;
using MecActors.Core.Emulation;
using Xunit;
using Xunit.Abstractions;

namespace MecActors.Actors.Tests.Serialization;

/// <summary>Every protocol message survives Hyperion: same types, same values, same actor refs, same bytes when written again.</summary>
public sealed class MessageRoundTripTests : TestKit
{
    private readonly MessageSamples _samples;

    public MessageRoundTripTests(ITestOutputHelper output)
        : base(SerializationSupport.Bound, output: output)
    {
        _samples = new MessageSamples(CreateTestProbe("device").Ref, CreateTestProbe("client").Ref);
    }

    public static IEnumerable<object[]> MessageTypeNames() =>
        MessageSamples.MessageTypes().Select(t => new object[] { t.FullName! });

    [Fact]
    public void Every_message_type_has_a_sample_and_every_sample_is_a_message_type()
    {
        var types = MessageSamples.MessageTypes();
        var missing = types.Except(_samples.Covered).Select(t => t.FullName).ToArray();
        var extra = _samples.Covered.Except(types).Select(t => t.FullName).ToArray();

        Assert.True(missing.Length == 0, $"message types without a sample in {nameof(MessageSamples)}: {string.Join(", ", missing)}");
        Assert.True(extra.Length == 0, $"samples for types that are not messages: {string.Join(", ", extra)}");
        Assert.True(types.Count >= 21, $"found only {types.Count} message types; is the reflection scan missing nested types?");
        Assert.Contains(typeof(SlotCommands.BeginSlot), types);
    }

    [Fact]
    public void Every_sample_is_populated()
    {
        foreach (var type in MessageSamples.MessageTypes())
        {
            var unpopulated = MessageSamples.UnpopulatedProperties(_samples.Build(type)).ToArray();
            Assert.True(unpopulated.Length == 0, $"{type.FullName} sample leaves {string.Join(", ", unpopulated)} empty");
        }
    }

    [Theory]
    [MemberData(nameof(MessageTypeNames))]
    public void Message_round_trips_through_hyperion_unchanged(string typeName)
    {
        var type = typeof(IMecMessage).Assembly.GetType(typeName, throwOnError: true)!;
        var message = _samples.Build(type);

        var copy = SerializationSupport.RoundTrip(Sys, message, out var bytes);

        Assert.NotSame(message, copy);
        Assert.IsType(type, copy);
        Assert.Null(StructuralEquality.FirstDifference(message, copy));
        Assert.Equal(bytes, Sys.Serialization.FindSerializerFor(copy).ToBinary(copy));
    }

    [Fact]
    public void Round_tripped_messages_keep_their_key_fields()
    {
        var upload = (TaskCommands.Enter)SerializationSupport.RoundTrip(Sys, _samples.Build(typeof(TaskCommands.Enter)), out _);
        Assert.Equal(_samples.Request.TaskId, upload.Task.TaskId);
        Assert.Equal(_samples.Plan.Route.Length, upload.Task.Plan.Route.Length);
        Assert.Equal(StageKind.Fetch, upload.Task.Plan.Fetch!.Kind);
        Assert.Equal(ResourceRef.Fiber(0, 1), upload.Task.Plan.Route[2].Resource);
        Assert.Equal(_samples.Plan.Route[^1], upload.Task.Plan.Route[^1]);
        Assert.Equal(_samples.Request, upload.Task.Plan.Request);

        var batch = (TaskCommands.TransitBatch)SerializationSupport.RoundTrip(Sys, _samples.TransitBatch(10), out _);
        Assert.Equal(10, batch.Tasks.Length);
        Assert.Equal(ResourceRef.Fiber(0, 1), batch.From);
        Assert.Equal(_samples.TransitBatch(10).Tasks[9].Time, batch.Tasks[9].Time);

        var reported = (TaskEvents.TaskReported)SerializationSupport.RoundTrip(Sys, _samples.Build(typeof(TaskEvents.TaskReported)), out _);
        Assert.Equal(_samples.Completed, reported.Record);

        var recorded = (MetricsCommands.RecordSlot)SerializationSupport.RoundTrip(Sys, _samples.Build(typeof(MetricsCommands.RecordSlot)), out _);
        Assert.Equal(_samples.Feedback.Records, recorded.Records);
        Assert.Equal(TaskOutcome.Dropped, recorded.Records[1].Outcome);
        Assert.Equal(DropReasons.ModelExceedsStorage, recorded.Records[1].DropReason);

        var build = (CellCommands.Envelope)SerializationSupport.RoundTrip(Sys, _samples.Build(typeof(CellCommands.Envelope)), out _);
        var scenario = ((CellCommands.Build)build.Message).Scenario;
        Assert.Equal(1, new SystemView(scenario).Topology.Hops(0, 1));
        Assert.Equal(_samples.Scenario.Models[1].Blocks, scenario.Models[1].Blocks);

        var completed = (RunEvents.RunCompleted)SerializationSupport.RoundTrip(Sys, _samples.Build(typeof(RunEvents.RunCompleted)), out _);
        Assert.Equal(_samples.Run.Records, completed.Run.Records);
    }

    [Fact]
    public void A_round_tripped_actor_ref_reaches_the_same_actor()
    {
        var client = CreateTestProbe("receiver");
        var start = (RunCommands.StartRun)SerializationSupport.RoundTrip(Sys, new RunCommands.StartRun(3, client.Ref), out _);

        start.ReplyTo.Tell(new RunEvents.RunFailed("ping"));

        client.ExpectMsg<RunEvents.RunFailed>(m => m.Reason == "ping");
    }

    [Fact]
    public void A_slot_without_a_task_round_trips_its_empty_list()
    {
        var none = new SlotEvents.TaskGenerated(3, 4, []);

        var copy = (SlotEvents.TaskGenerated)SerializationSupport.RoundTrip(Sys, none, out _);

        Assert.Equal((3, 4), (copy.Slot, copy.Device));
        Assert.Empty(copy.Tasks);
    }
}
