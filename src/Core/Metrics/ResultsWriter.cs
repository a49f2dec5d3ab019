using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MecActors.Core.Metrics;

/// <summary>
/// Writes the results contract (docs/architecture.md, "Results contract"): <c>summary.json</c> and <c>slots.csv</c>.
/// The output is a pure function of its inputs: UTF-8 without BOM, "\n" line endings, invariant culture,
/// a fixed field order and doubles as their shortest round-trip text, so equal results give equal bytes.
/// </summary>
public static class ResultsWriter
{
    public const string SummaryFileName = "summary.json";
    public const string SlotsFileName = "slots.csv";
    public const string VirtualClock = "virtual";

    public const string SlotsHeader =
        "policy,slot,tasks,completed,missedDeadline,dropped,avgDelayMs,avgAccuracy,objective,cacheHitRate";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// <c>{ "scenario", "seed", "slots", "clock", "policies": [ ... ] }</c>, indented, one policy object per
    /// summary in the given order. A non-finite double (which the summaries never produce) is written as null.
    /// </summary>
    public static byte[] SummaryJson(string scenario, int seed, int slots, string clock, IReadOnlyList<PolicySummary> policies)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(policies);

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("scenario", scenario);
            json.WriteNumber("seed", seed);
            json.WriteNumber("slots", slots);
            json.WriteString("clock", clock);
            json.WriteStartArray("policies");
            foreach (var p in policies)
            {
                json.WriteStartObject();
                json.WriteString("name", p.Name);
                WriteDouble(json, "avgDelayMs", p.AvgDelayMs);
                WriteDouble(json, "avgAccuracy", p.AvgAccuracy);
                WriteDouble(json, "objective", p.Objective);
                json.WriteNumber("tasks", p.Tasks);
                json.WriteNumber("completed", p.Completed);
                json.WriteNumber("missedDeadline", p.MissedDeadline);
                json.WriteNumber("dropped", p.Dropped);
                WriteDouble(json, "ssp", p.Ssp);
                WriteDouble(json, "throughputPerSlot", p.ThroughputPerSlot);
                WriteDouble(json, "cacheHitRate", p.CacheHitRate);
                WriteDouble(json, "avgTransmissionMs", p.AvgTransmissionMs);
                WriteDouble(json, "avgQueueingMs", p.AvgQueueingMs);
                WriteDouble(json, "avgDownloadMs", p.AvgDownloadMs);
                WriteDouble(json, "avgComputeMs", p.AvgComputeMs);
                if (p.ReportsSuccessAccuracy)
                {
                    WriteDouble(json, "successAccuracy", p.SuccessAccuracy);
                }

                if (p.AvgEnergyJ is { } energy)
                {
                    WriteDouble(json, "avgEnergyJ", energy);
                }

                if (p.EnergyBudget is { } budget)
                {
                    WriteDouble(json, "energyBudgetJ", budget.BudgetJ);
                    json.WriteNumber("energyBudgetViolations", budget.Violations);
                    WriteDouble(json, "maxDeviceEnergyPerSlotJ", budget.MaxDeviceEnergyPerSlotJ);
                    WriteDouble(json, "avgVirtualQueueJ", budget.AvgQueueJ);
                    WriteDouble(json, "maxVirtualQueueJ", budget.MaxQueueJ);
                    WriteDouble(json, "virtualQueuePerSlotAtEndJ", budget.QueuePerSlotAtEndJ);
                }

                if (p.DroppedByReason is { } reasons)
                {
                    WriteCounts(json, "droppedByReason", reasons);
                }

                if (p.FaultWindows is { } windows)
                {
                    WriteFaultWindows(json, windows);
                }

                if (p.LearnerHandOvers is { } handOvers)
                {
                    WriteHandOvers(json, handOvers);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The header line, then one line per row in the given order (one per policy and slot); an avgEnergyJ column when the runs model energy.</summary>
    public static byte[] SlotsCsv(IEnumerable<SlotRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);

        var list = rows as IReadOnlyList<SlotRow> ?? rows.ToList();
        var energy = list.Any(r => r.Summary.AvgEnergyJ is not null);
        var text = new StringBuilder();
        text.Append(SlotsHeader).Append(energy ? ",avgEnergyJ\n" : "\n");
        foreach (var row in list)
        {
            var s = row.Summary;
            text.Append(CsvField(row.Policy)).Append(',')
                .Append(Integer(row.Slot)).Append(',')
                .Append(Integer(s.Tasks)).Append(',')
                .Append(Integer(s.Completed)).Append(',')
                .Append(Integer(s.MissedDeadline)).Append(',')
                .Append(Integer(s.Dropped)).Append(',')
                .Append(RoundTrip(s.AvgDelayMs)).Append(',')
                .Append(RoundTrip(s.AvgAccuracy)).Append(',')
                .Append(RoundTrip(s.Objective)).Append(',')
                .Append(RoundTrip(s.CacheHitRate));
            if (energy)
            {
                text.Append(',').Append(RoundTrip(s.AvgEnergyJ ?? 0.0));
            }

            text.Append('\n');
        }

        return Utf8NoBom.GetBytes(text.ToString());
    }

    /// <summary>
    /// Writes summary.json, slots.csv and <paramref name="extraFiles"/> (e.g. plots) into <paramref name="dir"/>,
    /// all or nothing (see <see cref="WriteFilesAtomically"/>).
    /// </summary>
    public static void WriteAll(
        string dir,
        string scenario,
        int seed,
        int slots,
        string clock,
        IReadOnlyList<PolicySummary> policies,
        IEnumerable<SlotRow> rows,
        IReadOnlyList<KeyValuePair<string, byte[]>>? extraFiles = null)
    {
        var files = new List<KeyValuePair<string, byte[]>>
        {
            new(SummaryFileName, SummaryJson(scenario, seed, slots, clock, policies)),
            new(SlotsFileName, SlotsCsv(rows)),
        };
        if (extraFiles is not null)
        {
            files.AddRange(extraFiles);
        }

        WriteFilesAtomically(dir, files);
    }

    /// <summary>
    /// Writes every file to a temporary name in <paramref name="dir"/> (created if missing) and renames them
    /// into place only once all were written. On failure nothing of this call is left behind: temporary files
    /// are deleted, files already renamed into place are removed again, and a directory created here is
    /// removed if it is left empty; the exception is rethrown.
    /// </summary>
    /// <param name="files">Plain file names (no directory part), each at most once, with their contents.</param>
    public static void WriteFilesAtomically(string dir, IReadOnlyList<KeyValuePair<string, byte[]>> files)
    {
        ArgumentException.ThrowIfNullOrEmpty(dir);
        ArgumentNullException.ThrowIfNull(files);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, content) in files)
        {
            if (string.IsNullOrEmpty(name) || name != Path.GetFileName(name) || name is "." or "..")
            {
                throw new ArgumentException($"'{name}' is not a plain file name", nameof(files));
            }

            if (!names.Add(name))
            {
                throw new ArgumentException($"'{name}' is given more than once", nameof(files));
            }

            ArgumentNullException.ThrowIfNull(content, nameof(files));
        }

        var full = Path.GetFullPath(dir);
        var created = MissingDirectories(full);
        Directory.CreateDirectory(full);

        var stamp = Guid.NewGuid().ToString("N");
        var pending = new List<(string Temp, string Final)>(files.Count);
        var moved = 0;
        try
        {
            foreach (var (name, content) in files)
            {
                var final = Path.Combine(full, name);
                if (Directory.Exists(final))
                {
                    throw new IOException($"cannot write {final}: a directory of that name exists");
                }

                var temp = Path.Combine(full, $".{name}.{stamp}.tmp");
                pending.Add((temp, final));
                using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            for (; moved < pending.Count; moved++)
            {
                File.Move(pending[moved].Temp, pending[moved].Final, overwrite: true);
            }
        }
        catch
        {
            // A rename that fails after others succeeded takes those back out: a partial set is worse than none.
            for (var i = 0; i < pending.Count; i++)
            {
                TryDelete(i < moved ? pending[i].Final : pending[i].Temp);
            }

            foreach (var path in created)
            {
                TryRemoveEmptyDirectory(path);
            }

            throw;
        }
    }

    /// <summary>The directories from <paramref name="dir"/> up to its first existing ancestor, deepest first.</summary>
    private static List<string> MissingDirectories(string dir)
    {
        var missing = new List<string>();
        for (var d = dir; !string.IsNullOrEmpty(d) && !Directory.Exists(d); d = Path.GetDirectoryName(d))
        {
            missing.Add(d);
        }

        return missing;
    }

    private static void WriteDouble(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A double as its shortest round-trip text, invariant culture (as in every results file).</summary>
    public static string RoundTrip(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A CSV field, quoted only when it holds a comma, a quote or a line break.</summary>
    public static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void TryRemoveEmptyDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path) && !Directory.EnumerateFileSystemEntries(path).Any())
            {
                Directory.Delete(path);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, int> counts)
    {
        json.WriteStartObject(name);
        foreach (var (key, count) in counts)
        {
            json.WriteNumber(key, count);
        }

        json.WriteEndObject();
    }

    private static void WriteFaultWindows(Utf8JsonWriter json, IReadOnlyList<FaultWindowReport> windows)
    {
        json.WriteStartArray("faultWindows");
        foreach (var w in windows)
        {
            json.WriteStartObject();
            json.WriteString("fault", w.Fault);
            json.WriteNumber("firstSlot", w.FirstSlot);
            json.WriteNumber("lastSlot", w.LastSlot);
            WriteWindow(json, "before", w.Before);
            WriteWindow(json, "during", w.During);
            WriteWindow(json, "after", w.After);
            if (w.RecoverySlots is { } recovery)
            {
                json.WriteNumber("recoverySlots", recovery);
            }
            else
            {
                json.WriteNull("recoverySlots");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The hand-over time in ms resolution: it is wall time, measured, not a result of the emulation.</summary>
    private static void WriteHandOvers(Utf8JsonWriter json, IReadOnlyList<LearnerHandOver> handOvers)
    {
        json.WriteStartArray("learnerHandOvers");
        foreach (var h in handOvers)
        {
            json.WriteStartObject();
            json.WriteNumber("lostAfterSlot", h.LostAfterSlot);
            json.WriteNumber("checkpointSlot", h.CheckpointSlot);
            WriteOptionalString(json, "reemulatedSlots", h.ReemulatedSlots);
            WriteOptionalString(json, "replayedSlots", h.ReplayedSlots);
            WriteOptionalString(json, "noCheckpoint", h.NoCheckpoint);
            WriteDouble(json, "handOverSeconds", Math.Round(h.HandOverTime.TotalSeconds, 3));
            json.WriteString("newNode", h.NewNode);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteOptionalString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteWindow(Utf8JsonWriter json, string name, WindowMetrics w)
    {
        json.WriteStartObject(name);
        json.WriteNumber("tasks", w.Tasks);
        WriteDouble(json, "avgDelayMs", w.AvgDelayMs);
        WriteDouble(json, "ssp", w.Ssp);
        WriteCounts(json, "droppedByReason", w.DroppedByReason);
        json.WriteEndObject();
    }
}
