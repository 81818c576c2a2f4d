// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";

/// @title A price feed for local chains with Chainlink's AggregatorV3Interface.
/// @notice The owner posts answers; every answer opens a new round, as on a real aggregator.
contract LocalPriceFeed is AggregatorV3Interface, Ownable {
    struct Round {
        int256 answer;
        uint64 updatedAt;
    }

    error NoDataPresent();
    error NonPositiveAnswer();

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    uint8 public immutable override decimals;
    string public override description;
    uint80 public latestRound;
    mapping(uint80 => Round) private rounds;

    constructor(address owner, uint8 decimals_, string memory description_, int256 initialAnswer) Ownable(owner) {
        decimals = decimals_;
        description = description_;
        _update(initialAnswer);
    }

    function version() external pure override returns (uint256) {
        return 4;
    }

    function updateAnswer(int256 answer) external onlyOwner {
        _update(answer);
    }

    function getRoundData(uint80 roundId) public view override returns (uint80, int256, uint256, uint256, uint80) {
        Round memory round = rounds[roundId];
        // Chainlink reverts with "No data present" for unknown rounds; a custom error does the same job.
        if (round.updatedAt == 0) revert NoDataPresent();
        return (roundId, round.answer, round.updatedAt, round.updatedAt, roundId);
    }

    function latestRoundData() external view override returns (uint80, int256, uint256, uint256, uint80) {
        return getRoundData(latestRound);
    }

    function _update(int256 answer) private {
        if (answer <= 0) revert NonPositiveAnswer();
        uint80 roundId = latestRound + 1;
        latestRound = roundId;
        rounds[roundId] = Round(answer, uint64(block.timestamp));
        emit AnswerUpdated(answer, roundId, block.timestamp);
    }
}
