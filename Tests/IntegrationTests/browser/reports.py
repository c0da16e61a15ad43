#!/usr/bin/env python3
"""Opens the assessment page (/reports) in headless Chromium for a period and waits until the report
with its charts is shown: the summary table with the expected entry, and at least --charts SVG charts
with drawn marks. Prints what it found; exit 0 when all was seen."""
import argparse
import sys

from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By

from pagedriver import open_page, report_failure


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    ap.add_argument("--timeout", type=float, default=20)
    ap.add_argument("--charts", type=int, default=3)
    ap.add_argument("--expect", action="append", default=[], help="text the report must show")
    args = ap.parse_args()
    driver, wait = open_page(args.url, args.chromium, args.chromedriver, args.timeout)
    try:
        report = lambda d: d.find_element(By.ID, "report")
        wait.until(lambda d: all(t in report(d).text for t in args.expect))
        charts = driver.find_elements(By.CSS_SELECTOR, "#report svg.chart")
        marks = driver.find_elements(By.CSS_SELECTOR, "#report svg.chart rect.bar, #report svg.chart polyline.trend")
        print(f"report shown: {len(charts)} charts, {len(marks)} marks", flush=True)
        drawn = [c for c in charts if c.size["width"] > 50 and c.size["height"] > 20]
        if len(drawn) < args.charts or not marks:
            print(f"failed: {len(drawn)} charts drawn, {args.charts} expected", flush=True)
            report_failure(driver, RuntimeError("charts"))
            return 1
        print("charts drawn", flush=True)
        return 0
    except (TimeoutException, WebDriverException) as error:
        report_failure(driver, error)
        return 1
    finally:
        driver.quit()


if __name__ == "__main__":
    sys.exit(main())
