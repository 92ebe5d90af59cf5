namespace Releat.MarketData.Trading;

/// <summary>
/// How to turn an amount in one currency into the account currency with the symbols the broker quotes: nothing
/// (same currency), one pair (direct or inverted), or two pairs through a third currency. Rates use the pairs'
/// current mid prices.
/// </summary>
internal sealed class CurrencyRoute
{
    private readonly (SymbolBook Book, bool Invert)[] _legs;

    private CurrencyRoute((SymbolBook, bool)[] legs, string description)
    {
        _legs = legs;
        Description = description;
    }

    public string Description { get; }

    public bool HasRate
    {
        get
        {
            foreach ((SymbolBook book, _) in _legs)
            {
                if (!book.HasQuote)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public double Rate
    {
        get
        {
            double rate = 1;
            foreach ((SymbolBook book, bool invert) in _legs)
            {
                rate *= invert ? 1 / book.Mid : book.Mid;
            }

            return rate;
        }
    }

    public static CurrencyRoute? Find(string from, string to, IReadOnlyCollection<SymbolBook> books)
    {
        if (from == to)
        {
            return new CurrencyRoute([], $"{from} is the account currency");
        }

        if (Leg(from, to, books) is { } direct)
        {
            return new CurrencyRoute([direct], $"{from}->{to} via {direct.Book.Spec.Name}");
        }

        foreach (string pivot in books.SelectMany(b => new[] { b.Spec.BaseCurrency, b.Spec.QuoteCurrency }).Distinct())
        {
            if (Leg(from, pivot, books) is { } first && Leg(pivot, to, books) is { } second)
            {
                return new CurrencyRoute([first, second], $"{from}->{to} via {first.Book.Spec.Name} and {second.Book.Spec.Name}");
            }
        }

        return null;
    }

    private static (SymbolBook Book, bool Invert)? Leg(string from, string to, IReadOnlyCollection<SymbolBook> books)
    {
        foreach (SymbolBook book in books)
        {
            if (book.Spec.BaseCurrency == from && book.Spec.QuoteCurrency == to)
            {
                return (book, false);
            }

            if (book.Spec.BaseCurrency == to && book.Spec.QuoteCurrency == from)
            {
                return (book, true);
            }
        }

        return null;
    }
}
