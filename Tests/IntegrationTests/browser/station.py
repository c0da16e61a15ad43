#!/usr/bin/env python3
"""Drives the station duty screen (/station) in headless Chromium at a phone's viewport: waits until the
page is live ("connected"), then until a dispatch shows, presses the accept button
(data-answer="accepted") and waits until the page shows the alarm accepted. Exit 0 when all was seen.
"""
import argparse
import sys

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    ap.add_argument("--timeout", type=float, default=20)
    ap.add_argument("--expect", action="append", default=[], help="text the dispatch card must show")
    args = ap.parse_args()
    options = Options()
    options.binary_location = args.chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=390,844"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(args.chromedriver), options=options)
    try:
        driver.set_page_load_timeout(30)
        driver.get(args.url)
        wait = WebDriverWait(driver, args.timeout)
        wait.until(lambda d: "up" in d.find_element(By.ID, "conn").get_attribute("class").split())
        print("connected", flush=True)
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
        print(f"failed: {type(error).__name__}", flush=True)
        print("the page shows:\n" + driver.find_element(By.TAG_NAME, "body").text, flush=True)
        try:
            for entry in driver.get_log("browser"):
                print("console: " + entry.get("message", ""), flush=True)
        except Exception:
            pass
        return 1
    finally:
        driver.quit()


if __name__ == "__main__":
    sys.exit(main())
