namespace MecActors.Policies.Lymdo;

/// <summary>
/// The energy virtual queues of the Lyapunov decoupling, one per UE: Q_u(t+1) = max(Q_u(t) + e_u(t) - E_u, 0). A queue
/// that stays mean rate stable (Q_u(T) / T to 0) holds the UE's average energy per slot at or under its budget E_u.
/// </summary>
public sealed class VirtualQueues
{
    private readonly double[] _backlog;

    public VirtualQueues(int ues, double budgetJ)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ues);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budgetJ);
        _backlog = new double[ues];
        BudgetJ = budgetJ;
    }

    /// <summary>E_u, joules per slot.</summary>
    public double BudgetJ { get; }

    public IReadOnlyList<double> Backlog => _backlog;

    /// <summary>Applies one slot's energies (joules per UE, 0 for a UE without frames).</summary>
    public void Update(IReadOnlyList<double> energyJ)
    {
        ArgumentNullException.ThrowIfNull(energyJ);
        if (energyJ.Count != _backlog.Length)
        {
            throw new ArgumentException($"{energyJ.Count} energies for {_backlog.Length} queues", nameof(energyJ));
        }

        for (var u = 0; u < _backlog.Length; u++)
        {
            _backlog[u] = Math.Max(_backlog[u] + energyJ[u] - BudgetJ, 0.0);
        }
    }
}
