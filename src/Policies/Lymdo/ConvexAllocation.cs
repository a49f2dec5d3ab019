namespace MecActors.Policies.Lymdo;

/// <summary>
/// The exact minimiser of a <see cref="SlotProblem"/> given the partition points. The objective separates into three
/// convex problems. The frequency: V n(n+1)/2 C / f + Q n kappa C f^2 has its minimum at
/// f = (V n(n+1)/2 / (2 Q n kappa))^(1/3), clipped to [f_min, f_max] (f_max when Q or kappa is 0). The ES: the sum of
/// V n^2 G / (phi F) under sum phi = 1 gives, by its KKT conditions, phi_u proportional to sqrt(n_u^2 G_u). The band: the
/// sum of w_u / r_u(b_u), w_u = (V n(n+1)/2 + Q n P) S_u, has no closed form since the noise scales with the share; its KKT
/// conditions w_u r_u'(b_u) / r_u(b_u)^2 = lambda with sum b_u = 1 are solved by bisection on lambda, each b_u(lambda) by
/// bisection too (both sides are monotone).
/// </summary>
public static class ConvexAllocation
{
    private const int Bisections = 100;
    private const double SmallestShare = 1e-15;

    public static SlotAllocation Solve(SlotProblem problem, IReadOnlyList<UeLoad> ues)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(ues);
        var hz = new double[ues.Count];
        var edgeWeights = new double[ues.Count];
        var bandWeights = new double[ues.Count];
        for (var u = 0; u < ues.Count; u++)
        {
            var ue = ues[u];
            hz[u] = ue.Frames > 0 && ue.DeviceCycles > 0 ? Frequency(problem, ue) : 0.0;
            edgeWeights[u] = ue.Frames > 0 && ue.EdgeCycles > 0 ? Math.Sqrt((double)ue.Frames * ue.Frames * ue.EdgeCycles) : 0.0;
            bandWeights[u] = ue.Frames > 0 && ue.UplinkBits > 0 ? ((problem.V * ue.Serial) + (ue.Queue * ue.Frames * problem.TxPowerW)) * ue.UplinkBits : 0.0;
        }

        return new SlotAllocation(hz, Band(problem, ues, bandWeights), Proportional(edgeWeights, ues, u => ues[u].EdgeCycles > 0));
    }

    /// <summary>The frequency's closed form for one UE with frames on its processor.</summary>
    public static double Frequency(SlotProblem problem, in UeLoad ue)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var price = ue.Queue * ue.Frames * problem.Kappa;
        if (!(price > 0))
        {
            return problem.MaxHz;
        }

        var best = Math.Cbrt(problem.V * ue.Serial / (2.0 * price));
        return Math.Clamp(best, problem.MinHz, problem.MaxHz);
    }

    /// <summary>Shares proportional to the weights among the users; equal among them when every weight is 0.</summary>
    private static double[] Proportional(double[] weights, IReadOnlyList<UeLoad> ues, Func<int, bool> uses)
    {
        var shares = new double[weights.Length];
        var total = weights.Sum();
        var users = Enumerable.Range(0, weights.Length).Count(u => ues[u].Frames > 0 && uses(u));
        for (var u = 0; u < weights.Length; u++)
        {
            if (ues[u].Frames > 0 && uses(u))
            {
                shares[u] = total > 0 ? weights[u] / total : 1.0 / users;
            }
        }

        return shares;
    }

    private static double[] Band(SlotProblem problem, IReadOnlyList<UeLoad> ues, double[] weights)
    {
        var users = Enumerable.Range(0, ues.Count).Where(u => weights[u] > 0).ToArray();
        if (users.Length == 0)
        {
            return Proportional(weights, ues, u => ues[u].UplinkBits > 0);
        }

        var shares = new double[ues.Count];
        if (users.Length == 1)
        {
            shares[users[0]] = 1.0;
            return shares;
        }

        // sum_u b_u(lambda) falls as lambda grows: bracket lambda by the marginals at the equal split, then bisect in log.
        var equal = 1.0 / users.Length;
        var low = double.MaxValue;
        var high = 0.0;
        foreach (var u in users)
        {
            var marginal = Marginal(problem, ues[u], weights[u], equal);
            low = Math.Min(low, marginal);
            high = Math.Max(high, marginal);
        }

        var logLow = Math.Log(low);
        var logHigh = Math.Log(high);
        for (var i = 0; i < Bisections && logHigh - logLow > 1e-15; i++)
        {
            var mid = 0.5 * (logLow + logHigh);
            var sum = 0.0;
            foreach (var u in users)
            {
                sum += ShareAt(problem, ues[u], weights[u], Math.Exp(mid));
            }

            if (sum > 1.0)
            {
                logLow = mid;
            }
            else
            {
                logHigh = mid;
            }
        }

        var lambda = Math.Exp(0.5 * (logLow + logHigh));
        var total = 0.0;
        foreach (var u in users)
        {
            shares[u] = ShareAt(problem, ues[u], weights[u], lambda);
            total += shares[u];
        }

        // The bisection leaves the sum within rounding of 1; scaling it to 1 exactly keeps the constraint tight.
        foreach (var u in users)
        {
            shares[u] /= total;
        }

        return shares;
    }

    /// <summary>-d(w / r(b)) / db = w r'(b) / r(b)^2: what one more unit of share saves, falling in b.</summary>
    public static double Marginal(SlotProblem problem, in UeLoad ue, double weight, double share)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var snr = ue.BandSnr;
        var rate = problem.RateBps(share, snr);
        var slope = problem.BandHz * (Math.Log2(1.0 + (snr / share)) - (snr / ((share + snr) * Math.Log(2.0))));
        return weight * slope / (rate * rate);
    }

    /// <summary>The share at which the marginal saving equals <paramref name="lambda"/> (1 when even the whole band saves more).</summary>
    private static double ShareAt(SlotProblem problem, in UeLoad ue, double weight, double lambda)
    {
        if (Marginal(problem, ue, weight, 1.0) >= lambda)
        {
            return 1.0;
        }

        var logLow = Math.Log(SmallestShare);
        var logHigh = 0.0;
        for (var i = 0; i < Bisections && logHigh - logLow > 1e-15; i++)
        {
            var mid = 0.5 * (logLow + logHigh);
            if (Marginal(problem, ue, weight, Math.Exp(mid)) > lambda)
            {
                logLow = mid;
            }
            else
            {
                logHigh = mid;
            }
        }

        return Math.Exp(0.5 * (logLow + logHigh));
    }
}
