using System.Globalization;
using System.Text;
using MecActors.Core.Emulation;
using MecActors.Core.Metrics;

namespace MecActors.Cli.Output;

/// <summary>
/// <c>tasks.csv</c> of <c>--trace</c>: one row per task of every run, streamed to disk as slots close, never held in
/// memory. Each run (policy, seed, episode) streams into its own part while it runs, so runs in parallel do not
/// interleave; <see cref="WriteInto"/> joins the parts in the experiment's order, so the file does not depend on
/// <c>--parallel</c>. Columns: the run, the task, its placement (the processors its blocks ran on, in order), every
/// stage as <c>resource@start-end</c> (simulated seconds, space-separated), its delay and components, accuracy,
/// energy, outcome and reason.
/// </summary>
internal sealed class TaskTrace : IDisposable
{
    public const string FileName = "tasks.csv";

    public const string Header =
        "policy,seed,episode,taskId,device,slot,localEdge,targetEdge,model,exit,placement,stages,release,end,delayMs,transmissionMs,queueingMs,downloadMs,computeMs,accuracy,energyJ,outcome,reason";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mec-trace-" + Guid.NewGuid().ToString("N"));
    private readonly List<(int Order, string Path)> _parts = new();

    public TaskTrace() => Directory.CreateDirectory(_directory);

    /// <summary>A run's part; <paramref name="order"/> is its place in the experiment (policy, then replication).</summary>
    public Part Open(int order, string policy, int seed, int episode)
    {
        var path = Path.Combine(_directory, order.ToString(CultureInfo.InvariantCulture) + ".csv");
        lock (_parts)
        {
            _parts.Add((order, path));
        }

        return new Part(path, policy, seed, episode);
    }

    /// <summary>Joins the parts, in order, into <c>DIR/tasks.csv</c> (through a temporary file, so no half-written trace is left).</summary>
    public void WriteInto(string directory)
    {
        Directory.CreateDirectory(directory);
        var final = Path.Combine(directory, FileName);
        var temp = final + ".partial";
        using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            output.Write(Utf8NoBom.GetBytes(Header + "\n"));
            foreach (var (_, path) in _parts.OrderBy(p => p.Order))
            {
                using var input = File.OpenRead(path);
                input.CopyTo(output);
            }
        }

        File.Move(temp, final, overwrite: true);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A part still open (a run that failed) keeps the directory; it is in the temp area.
        }
    }

    /// <summary>One run's rows, appended as its slots close.</summary>
    public sealed class Part(string path, string policy, int seed, int episode) : IDisposable
    {
        private readonly StreamWriter _writer = new(path, append: false, Utf8NoBom) { NewLine = "\n" };
        private readonly string _run = string.Create(CultureInfo.InvariantCulture, $"{ResultsWriter.CsvField(policy)},{seed},{episode}");

        public void Write(IReadOnlyList<TaskRecord> records)
        {
            var line = new StringBuilder();
            foreach (var r in records)
            {
                line.Clear();
                line.Append(_run).Append(',')
                    .Append(Integer(r.TaskId)).Append(',').Append(Integer(r.Device)).Append(',').Append(Integer(r.Slot)).Append(',')
                    .Append(Integer(r.LocalEdge)).Append(',').Append(Integer(r.TargetEdge)).Append(',').Append(Integer(r.ModelId)).Append(',')
                    .Append(Integer(r.Exit)).Append(',')
                    .Append(string.Join('>', (r.Stages ?? []).Where(s => s.Resource.IsCompute).Select(s => s.Resource.ToString()))).Append(',')
                    .Append(string.Join(' ', (r.Stages ?? []).Select(s => $"{s.Resource}@{ResultsWriter.RoundTrip(s.Start)}-{ResultsWriter.RoundTrip(s.End)}"))).Append(',')
                    .Append(ResultsWriter.RoundTrip(r.Release)).Append(',').Append(ResultsWriter.RoundTrip(r.End)).Append(',')
                    .Append(Ms(r.DelayS)).Append(',').Append(Ms(r.TransmissionS)).Append(',').Append(Ms(r.QueueingS)).Append(',')
                    .Append(Ms(r.DownloadS)).Append(',').Append(Ms(r.ComputeS)).Append(',')
                    .Append(ResultsWriter.RoundTrip(r.Accuracy)).Append(',').Append(ResultsWriter.RoundTrip(r.EnergyJ)).Append(',')
                    .Append(Outcome(r.Outcome)).Append(',').Append(ResultsWriter.CsvField(r.DropReason));
                _writer.WriteLine(line);
            }
        }

        public void Dispose() => _writer.Dispose();

        private static string Outcome(TaskOutcome outcome) => outcome switch
        {
            TaskOutcome.Completed => "completed",
            TaskOutcome.MissedDeadline => "missed-deadline",
            _ => "dropped",
        };

        private static string Ms(double seconds) => ResultsWriter.RoundTrip(seconds * 1e3);

        private static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
