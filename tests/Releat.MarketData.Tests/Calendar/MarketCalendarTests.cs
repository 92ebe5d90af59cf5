using Releat.MarketData.Calendar;

namespace Releat.MarketData.Tests.Calendar;

public sealed class MarketCalendarTests
{
    [Theory]
    [InlineData(2024, 3, 8, 21, 59, true)]   // Friday before the close
    [InlineData(2024, 3, 8, 22, 0, false)]   // Friday close
    [InlineData(2024, 3, 9, 12, 0, false)]   // Saturday
    [InlineData(2024, 3, 10, 21, 59, false)] // Sunday before the open
    [InlineData(2024, 3, 10, 22, 0, true)]   // Sunday open
    [InlineData(2024, 3, 6, 0, 0, true)]     // Wednesday midnight
    public void ForexClosesFromFridayToSundayAtTwentyTwoUtc(int y, int m, int d, int h, int min, bool open) =>
        Assert.Equal(open, MarketCalendar.Forex.IsOpen(Times.Utc(y, m, d, h, min)));

    [Fact]
    public void NextOpenAndNextCloseSpanTheWeekend()
    {
        Assert.Equal(Times.Utc(2024, 3, 10, 22), MarketCalendar.Forex.NextOpen(Times.Utc(2024, 3, 9, 12)));
        Assert.Equal(Times.Utc(2024, 3, 8, 22), MarketCalendar.Forex.NextClose(Times.Utc(2024, 3, 6, 9)));
        Assert.Equal(Times.Utc(2024, 3, 6, 9), MarketCalendar.Forex.NextOpen(Times.Utc(2024, 3, 6, 9)));
    }

    [Fact]
    public void AHolidayClosesItsTradingDayAndOpeningMovesPastIt()
    {
        var christmas = MarketHoliday.TradingDay(new DateOnly(2024, 12, 25), "Christmas", new TimeOnly(22, 0));
        var calendar = new MarketCalendar(WeeklySessions.Forex, [christmas]);

        Assert.True(calendar.IsOpen(Times.Utc(2024, 12, 24, 21, 59)));
        Assert.False(calendar.IsOpen(Times.Utc(2024, 12, 24, 22)));
        Assert.False(calendar.IsOpen(Times.Utc(2024, 12, 25, 12)));
        Assert.True(calendar.IsOpen(Times.Utc(2024, 12, 25, 22)));
        Assert.Equal(Times.Utc(2024, 12, 25, 22), calendar.NextOpen(Times.Utc(2024, 12, 25, 3)));
        Assert.Equal(Times.Utc(2024, 12, 24, 22), calendar.NextClose(Times.Utc(2024, 12, 23, 9)));
        Assert.Same(christmas, calendar.HolidayAt(Times.Utc(2024, 12, 25, 3)));
    }

    [Fact]
    public void OverlappingHolidaysAreRefusedByName()
    {
        var a = new MarketHoliday(Times.Utc(2024, 1, 1), Times.Utc(2024, 1, 3), "A");
        var b = new MarketHoliday(Times.Utc(2024, 1, 2), Times.Utc(2024, 1, 4), "B");
        var error = Assert.Throws<ArgumentException>(() => new MarketCalendar(WeeklySessions.Forex, [a, b]));
        Assert.Contains("'A' and 'B'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("22:00-24:00", 1320, 1440)]
    [InlineData("00:00-22:00", 0, 1320)]
    public void SessionWindowsParseHoursAndMinutes(string text, int start, int end) =>
        Assert.Equal(new SessionWindow(start, end), SessionWindow.Parse(text));

    [Theory]
    [InlineData("22:00")]
    [InlineData("25:00-26:00")]
    [InlineData("10:00-09:00")]
    public void MalformedSessionWindowsAreRefused(string text) =>
        Assert.ThrowsAny<Exception>(() => SessionWindow.Parse(text));
}
