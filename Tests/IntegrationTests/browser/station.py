#!/usr/bin/env python3
"""Drives the station duty screen (/station) in headless Chromium at a phone's viewport: waits until the
page is live ("connected"), then until a dispatch shows, presses the accept button
(data-answer="accepted") and waits until the page shows the alarm accepted. Exit 0 when all was seen.
"""
import argparse
import sys

from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.common.by import By

from pagedriver import open_live, report_failure


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    ap.add_argument("--timeout", type=float, default=20)
    ap.add_argument("--expect", action="append", default=[], help="text the dispatch card must show")
    args = ap.parse_args()
    driver, wait = open_live(args.url, args.chromium, args.chromedriver, args.timeout, window="390,844")
    try:
        card = lambda d: d.find_element(By.ID, "dispatch")
        wait.until(lambda d: card(d).is_displayed() and all(t in card(d).text for t in args.expect))
        button = driver.find_element(By.CSS_SELECTOR, "[data-answer='accepted']")
        width = driver.execute_script("return document.documentElement.clientWidth")
        print(f"dispatch shown; accept button {button.size['width']}x{button.size['height']} in a {width} px wide page", flush=True)
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-answer='accepted']").is_enabled())
        driver.find_element(By.CSS_SELECTOR, "[data-answer='accepted']").click()
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-answer='on_scene']").is_enabled())
        print("accepted: " + driver.find_element(By.ID, "alarm-state").text, flush=True)
        return 0
    except (TimeoutException, WebDriverException) as error:
        report_failure(driver, error)
        return 1
    finally:
        driver.quit()


if __name__ == "__main__":
    sys.exit(main())
