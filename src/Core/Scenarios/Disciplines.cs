namespace MecActors.Core.Scenarios;

/// <summary>How a link shares its rate among the transfers it carries.</summary>
public enum LinkDiscipline
{
    /// <summary>Every transfer gets its own full share of the rate (the paper's assumption).</summary>
    Dedicated,

    /// <summary>One transfer at a time: start = max(arrival, free-at).</summary>
    Fifo,

    /// <summary>Processor sharing: the rate is split equally among transfers in progress.</summary>
    Shared,

    /// <summary>Radio only: each device sends its transfers one after another on its own share B_n / U_n (paper 002, eq. (6)).</summary>
    DeviceFifo,

    /// <summary>Radio only: as <see cref="DeviceFifo"/>, on the share of the band the policy allocates each device each slot (paper 004).</summary>
    Allocated,
}

/// <summary>How a server shares its compute capacity among tasks.</summary>
public enum ComputeDiscipline
{
    /// <summary>Capacity divided equally among the tasks offloaded in a slot (paper 000, Sec. II-C).</summary>
    EqualSharePerSlot,

    /// <summary>k cores, each task on the first free core in arrival order.</summary>
    Fifo,

    /// <summary>Processor sharing over k cores: each task gets capacity / max(n, k).</summary>
    ProcessorSharing,

    /// <summary>Edge only: every task runs at once on the share of the capacity the policy allocates it in its slot (paper 004).</summary>
    Allocated,
}

public static class DisciplineNames
{
    public static string Of(LinkDiscipline d) => d switch
    {
        LinkDiscipline.Dedicated => "dedicated",
        LinkDiscipline.Fifo => "fifo",
        LinkDiscipline.Shared => "shared",
        LinkDiscipline.DeviceFifo => "device-fifo",
        LinkDiscipline.Allocated => "allocated",
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };

    public static string Of(ComputeDiscipline d) => d switch
    {
        ComputeDiscipline.EqualSharePerSlot => "equal-share-per-slot",
        ComputeDiscipline.Fifo => "fifo",
        ComputeDiscipline.ProcessorSharing => "processor-sharing",
        ComputeDiscipline.Allocated => "allocated",
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };

    public static bool TryParseLink(string text, out LinkDiscipline discipline)
    {
        foreach (var d in Enum.GetValues<LinkDiscipline>())
        {
            if (Of(d) == text)
            {
                discipline = d;
                return true;
            }
        }

        discipline = default;
        return false;
    }

    public static bool TryParseCompute(string text, out ComputeDiscipline discipline)
    {
        foreach (var d in Enum.GetValues<ComputeDiscipline>())
        {
            if (Of(d) == text)
            {
                discipline = d;
                return true;
            }
        }

        discipline = default;
        return false;
    }
}
