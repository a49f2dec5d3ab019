using System.Globalization;
using MecActors.Cli.Commands;

namespace MecActors.Cli.Output;

/// <summary>
/// <c>--progress-file</c>: a line "POLICY SLOT SLOTS" each time a run closes a slot, flushed at once, so that a process
/// watching the file sees how far each run is. Runs that go on at once write whole lines, one at a time.
/// </summary>
internal sealed class ProgressFile : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    private ProgressFile(StreamWriter writer) => _writer = writer;

    /// <exception cref="BadInputException">The file cannot be written.</exception>
    public static ProgressFile Open(string path)
    {
        try
        {
            return new ProgressFile(new StreamWriter(path, append: true) { AutoFlush = true });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new BadInputException($"--progress-file: cannot write {path}: {e.Message}");
        }
    }

    /// <summary>Writes <paramref name="policy"/>'s closed slots here, then passes them on to <paramref name="next"/>.</summary>
    public Action<int, int> Around(string policy, Action<int, int> next) => (slot, slots) =>
    {
        lock (_gate)
        {
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{policy} {slot} {slots}"));
        }

        next(slot, slots);
    };

    public void Dispose() => _writer.Dispose();
}
