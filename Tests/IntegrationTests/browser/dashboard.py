#!/usr/bin/env python3
"""Drives the FireWatch dashboard in headless Chromium through WebDriver (selenium).

Opens URL, waits until the page's event stream is live and prints "connected", then waits until the
page shows every --expect text (a live alarm's device id). With --acknowledge it presses that alarm's
acknowledge button and waits for the acknowledged badge. Exit 0 when all was seen, 1 otherwise, printing
the page text and the browser console so a failure says what the page showed. With --patrol TEXT it
reports a patrol hazard through the page's form (kind, street, description TEXT, --photo FILE) and waits
until the hazards panel lists it.
"""
import argparse
import sys

from selenium.common.exceptions import StaleElementReferenceException, TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pagedriver import open_live, report_failure


def click(driver, xpath):
    """Clicks the element if it is there; the page re-renders rows on every event, so a stale one is retried."""
    try:
        found = driver.find_elements(By.XPATH, xpath)
        if not found:
            return False
        found[0].click()
        return True
    except StaleElementReferenceException:
        return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    ap.add_argument("--expect", action="append", default=[])
    ap.add_argument("--acknowledge", help="device id whose alarm row's acknowledge button to press")
    ap.add_argument("--timeout", type=float, default=15)
    ap.add_argument("--screenshot", help="PNG of the page when done (or when it failed)")
    ap.add_argument("--patrol", help="description of a patrol hazard to report through the page's form")
    ap.add_argument("--patrol-kind", default="ebike_charging")
    ap.add_argument("--patrol-street", default="changshoulu")
    ap.add_argument("--photo", help="a JPEG or PNG to attach to the patrol report")
    args = ap.parse_args()

    driver, wait = open_live(args.url, args.chromium, args.chromedriver, args.timeout)
    try:
        body = lambda d: d.find_element(By.TAG_NAME, "body").text
        wait.until(lambda d: all(text in body(d) for text in args.expect))
        print("found " + " ".join(args.expect), flush=True)
        if args.acknowledge:
            row = f"//tr[td[contains(@class,'device') and text()='{args.acknowledge}']]"
            button = row + "//button[contains(@class,'ack') and not(@disabled)]"
            wait.until(lambda d: click(d, button))
            wait.until(lambda d: d.find_elements(By.XPATH, row + "//span[contains(@class,'badge')]"))
            print("acknowledged " + args.acknowledge, flush=True)
        if args.patrol:
            wait.until(lambda d: not d.find_element(By.ID, "patrol").get_attribute("hidden"))
            wait.until(lambda d: len(Select(d.find_element(By.ID, "pf-street")).options) > 0)
            Select(driver.find_element(By.ID, "pf-kind")).select_by_value(args.patrol_kind)
            Select(driver.find_element(By.ID, "pf-street")).select_by_value(args.patrol_street)
            driver.find_element(By.ID, "pf-description").send_keys(args.patrol)
            if args.photo:
                driver.find_element(By.ID, "pf-photos").send_keys(args.photo)
            driver.find_element(By.ID, "pf-submit").click()
            row = f"//table[@id='hazards']//tr[td[contains(text(), '{args.patrol}')]]"
            wait.until(lambda d: d.find_elements(By.XPATH, row))
            if args.photo:
                wait.until(lambda d: click(d, row + "//button[contains(@class,'photo')]"))
                wait.until(lambda d: d.execute_script(
                    "var i = document.evaluate(arguments[0], document, null, 9, null).singleNodeValue;"
                    "return i && i.complete && i.naturalWidth > 0;", row + "//img[contains(@class,'thumb')]"))
            print("reported " + args.patrol + " " + driver.find_element(By.XPATH, row).text.replace("\n", " "), flush=True)
        return 0
    except (TimeoutException, WebDriverException) as error:
        report_failure(driver, error)
        return 1
    finally:
        if args.screenshot:
            driver.save_screenshot(args.screenshot)
        driver.quit()


if __name__ == "__main__":
    sys.exit(main())
