using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using Akka.TestKit.Xunit2;
using MecActors.Actors.Protocol;
using MecActors.Actors.Serialization;
using MecActors.Core.Decisions;
using MecActors.Core.Emulation;
using MecActors.Core.Scenarios;
using MecActors.Policies;
using Xunit;
using Xunit.Abstractions;

namespace MecActors.Actors.Tests.Serialization;

/// <summary>The binding, the serializer's settings, its thread safety, and the size of typical messages.</summary>
public sealed class HyperionSerializerTests : TestKit
{
    /// <summary>The wire id of the Akka.Serialization.Hyperion package's serializer, the same on every node.</summary>
    private const int PackageSerializerId = -5;

    private readonly ITestOutputHelper _output;
    private readonly MessageSamples _samples;

    public HyperionSerializerTests(ITestOutputHelper output)
        : base(SerializationSupport.Bound, output: output)
    {
        _output = output;
        _samples = new MessageSamples(CreateTestProbe("device").Ref, CreateTestProbe("client").Ref);
    }

    private static HyperionSerializerSettings Lean =>
        HyperionSerializerSettings.Create(MecSerialization.Config.GetConfig("akka.actor.serialization-settings.hyperion"));

    [Fact]
    public void Config_file_and_MecSerialization_hold_the_same_text()
    {
        var file = File.ReadAllText(Path.Combine(SerializationSupport.RepoRoot, "config", "akka-serialization.conf"));

        Assert.Equal(file.ReplaceLineEndings("\n").TrimEnd('\n'), MecSerialization.Hocon.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Only_the_marker_interface_is_bound_to_hyperion()
    {
        var bindings = MecSerialization.Config.GetConfig("akka.actor.serialization-bindings").AsEnumerable().ToArray();

        var binding = Assert.Single(bindings);
        Assert.Equal("MecActors.Actors.Protocol.IMecMessage, MecActors.Actors", binding.Key);
        Assert.Equal("hyperion", binding.Value.GetString());
        Assert.IsType<HyperionSerializer>(Sys.Serialization.FindSerializerForType(typeof(TaskEvents.TaskReported)));
        Assert.IsNotType<HyperionSerializer>(Sys.Serialization.FindSerializerForType(typeof(object)));
        Assert.IsNotType<HyperionSerializer>(Sys.Serialization.FindSerializerForType(typeof(TaskRecord)));
    }

    [Fact]
    public void The_bound_serializer_is_the_package_one_in_the_lean_setting()
    {
        var serializer = Assert.IsType<HyperionSerializer>(Sys.Serialization.FindSerializerForType(typeof(IMecMessage)));

        Assert.Equal(PackageSerializerId, serializer.Identifier);
        Assert.False(serializer.IncludeManifest);
        Assert.False(serializer.Settings.VersionTolerance);
        Assert.False(serializer.Settings.PreserveObjectReferences);
        Assert.True(serializer.Settings.DisallowUnsafeType);
    }

    [Fact]
    public void The_lean_setting_writes_fewer_bytes_than_the_package_default_and_both_read_back()
    {
        var lean = (HyperionSerializer)Sys.Serialization.FindSerializerForType(typeof(IMecMessage));
        var tolerant = new HyperionSerializer((ExtendedActorSystem)Sys, HyperionSerializerSettings.Default);

        Assert.True(HyperionSerializerSettings.Default.VersionTolerance && HyperionSerializerSettings.Default.PreserveObjectReferences);
        foreach (var type in new[] { typeof(TaskCommands.Enter), typeof(TaskEvents.TaskReported), typeof(SlotCommands.BeginSlot) })
        {
            var message = _samples.Build(type);
            var leanBytes = lean.ToBinary(message);
            var tolerantBytes = tolerant.ToBinary(message);

            Assert.True(tolerantBytes.Length > leanBytes.Length, $"{type.Name}: field names should make the tolerant payload longer");
            Assert.Null(StructuralEquality.FirstDifference(message, lean.FromBinary(leanBytes, type)));
            Assert.Null(StructuralEquality.FirstDifference(message, tolerant.FromBinary(tolerantBytes, type)));
        }
    }

    [Fact]
    public void Akka_reads_a_payload_by_serializer_id_without_a_manifest()
    {
        var message = _samples.Build(typeof(TaskCommands.Execute));
        var bytes = Sys.Serialization.Serialize(message);

        var copy = Sys.Serialization.Deserialize(bytes, PackageSerializerId, string.Empty);

        Assert.Null(StructuralEquality.FirstDifference(message, copy));
    }

    [Fact]
    public void Garbage_fails_as_a_serialization_exception()
    {
        var serializer = Sys.Serialization.FindSerializerForType(typeof(IMecMessage));

        Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary([255, 3, 0, 0, 0, 65, 66, 67], typeof(IMecMessage)));
    }

    [Fact]
    public async Task Concurrent_round_trips_on_a_cold_serializer_give_the_bytes_of_a_sequential_one()
    {
        var system = (ExtendedActorSystem)Sys;
        var messages = MessageSamples.MessageTypes().Select(_samples.Build).Append(_samples.TransitBatch(10)).ToArray();
        var sequential = new HyperionSerializer(system, Lean);
        var expected = messages.Select(sequential.ToBinary).ToArray();

        // A fresh serializer, so threads also race to build its per-type readers and writers.
        var shared = new HyperionSerializer(system, Lean);
        const int threads = 8;
        const int rounds = 50;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(w => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                for (var r = 0; r < rounds; r++)
                {
                    for (var k = 0; k < messages.Length; k++)
                    {
                        // Each thread walks the messages in its own order.
                        var i = (k * (w + 1) + r) % messages.Length;
                        var bytes = shared.ToBinary(messages[i]);
                        if (!bytes.AsSpan().SequenceEqual(expected[i]))
                        {
                            failures.Enqueue($"thread {w}: {messages[i].GetType().Name} wrote different bytes");
                        }

                        var difference = StructuralEquality.FirstDifference(messages[i], shared.FromBinary(bytes, messages[i].GetType()));
                        if (difference is not null)
                        {
                            failures.Enqueue($"thread {w}: {messages[i].GetType().Name} read back differently at {difference}");
                        }
                    }
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();

        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Empty(failures);
    }

    [Fact]
    public void A_loaded_scenario_and_its_records_round_trip()
    {
        var path = Path.Combine(SerializationSupport.RepoRoot, "config", "scenarios", "joint-caching.conf");
        var scenario = ScenarioLoader.Load(path, PolicyCatalog.All);
        var system = new SystemView(scenario);
        var run = ReferenceModel.Run(system, PolicyCatalog.All.Create(Paper000Policies.GreedyName, system, scenario.Seed), 2, scenario.Seed);
        var records = new MetricsCommands.RecordSlot(2, run.Records);
        var build = new CellCommands.Envelope("run", 0, 0, new CellCommands.Build(scenario, scenario.Seed, _samples.Client, 1));

        foreach (var message in new object[] { records, build })
        {
            var copy = SerializationSupport.RoundTrip(Sys, message, out var bytes);
            Assert.Null(StructuralEquality.FirstDifference(message, copy));
            _output.WriteLine($"{message.GetType().Name} over {scenario.Name} ({scenario.EdgeCount} edges, {run.Records.Count} records): {bytes.Length} B");
        }
    }

    [Fact]
    public void Typical_message_sizes()
    {
        var upload = _samples.Build(typeof(TaskCommands.Enter));
        var rows = new (string Name, object Message)[]
        {
            ("Enter (fresh task, 4-stage route)", upload),
            ("Execute (4-stage plan)", _samples.Build(typeof(TaskCommands.Execute))),
            ("TransitBatch, 1 task", _samples.TransitBatch(1)),
            ("TransitBatch, 10 tasks", _samples.TransitBatch(10)),
            ("TaskFinished", _samples.Build(typeof(TaskEvents.TaskFinished))),
            ("TaskReported", _samples.Build(typeof(TaskEvents.TaskReported))),
            ("TaskGenerated", _samples.Build(typeof(SlotEvents.TaskGenerated))),
            ("HorizonReached", _samples.Build(typeof(SlotEvents.HorizonReached))),
            ("OpenWave", _samples.Build(typeof(SlotCommands.OpenWave))),
            ("BeginSlot (2 models)", _samples.Build(typeof(SlotCommands.BeginSlot))),
            ("EdgeStatusReported", _samples.Build(typeof(SlotEvents.EdgeStatusReported))),
            ("RecordSlot (2 tasks)", _samples.Build(typeof(MetricsCommands.RecordSlot))),
        };

        var sizes = new Dictionary<string, int>();
        foreach (var (name, message) in rows)
        {
            SerializationSupport.RoundTrip(Sys, message, out var bytes);
            sizes[name] = bytes.Length;
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-40} {bytes.Length,6} B"));
        }

        // Sanity bounds only; the numbers are printed for the decision on what to slim.
        Assert.InRange(sizes["TaskReported"], 20, 1_000);
        Assert.InRange(sizes["TransitBatch, 10 tasks"], sizes["TransitBatch, 1 task"], 10 * sizes["TransitBatch, 1 task"]);
    }
}
